using Fontana.AspNetCore;
using Fontana.AspNetCore.Dashboard;
using Fontana.AspNetCore.Limits;
using Fontana.AspNetCore.PaidCalls;
using Fontana.AspNetCore.Payments;
using Fontana.AspNetCore.Settlement;
using Fontana.Core.X402;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary><c>services.AddFontanaPayments(...)</c>: the provider side of Fontana payments.</summary>
public static class FontanaPaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers paid-endpoint support: options bound from <c>Fontana:Provider</c> then <paramref name="configure"/>,
    /// validated at start-up; the challenge issuer, the stateless verifier, and the settler for the configured
    /// <see cref="FontanaProviderOptions.Settlement"/> (in-process needs an <see cref="IPaymentLedger"/> in the
    /// container, which the node registers; remote needs <see cref="FontanaProviderOptions.NodeUrl"/>).
    /// A custom <see cref="IPaymentSettler"/> registered before this call replaces both; so does a custom
    /// <see cref="IPaidCallStore"/> replace the store chosen by <see cref="FontanaProviderOptions.PaidCalls"/>.
    /// </summary>
    public static IServiceCollection AddFontanaPayments(this IServiceCollection services, Action<FontanaProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FontanaProviderOptions>().BindConfiguration(FontanaProviderOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FontanaProviderOptions>, FontanaProviderOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.TryAddSingleton<ProviderIdentity>();
        services.TryAddSingleton<ChallengeIssuer>();
        services.TryAddSingleton(sp => new FontanaExactVerifier(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ProviderIdentity>().ChallengeMac));
        services.TryAddSingleton(PaidCallStores.Create);
        services.TryAddSingleton<PaidCallCoordinator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, PaidCallCaptureStartup>());
        services.AddMetrics();
        services.TryAddSingleton<ProviderMetrics>();
        services.TryAddSingleton<ProviderStatistics>();
        services.TryAddSingleton<ProviderActivity>();
        services.AddOptions<PaymentLimitsOptions>().BindConfiguration(PaymentLimitsOptions.SectionName);
        services.TryAddSingleton<PaymentLimits>();
        services.TryAddSingleton<PaymentGate>();
        services.TryAddSingleton(CreateSettler);
        services.AddHttpClient(RemoteNodeSettler.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<FontanaProviderOptions>>().Value.RemoteSettlementTimeout);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, PaymentsStartupCheck>());
        services.AddOptions<Fontana.AspNetCore.Sessions.FontanaSessionOptions>().BindConfiguration(Fontana.AspNetCore.Sessions.FontanaSessionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Fontana.AspNetCore.Sessions.FontanaSessionOptions>, Fontana.AspNetCore.Sessions.FontanaSessionOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Adds the <c>fontana-session</c> scheme (docs/x402.md): 402s offer it next to <c>exact</c>, vouchers are checked
    /// locally, charges are kept in the provider's session ledger (<see cref="Fontana.AspNetCore.Sessions.FontanaSessionOptions.StorePath"/>)
    /// and claimed in batches. Needs the node: hosted in this process (it registers an
    /// <see cref="Fontana.AspNetCore.Sessions.ISessionDirectory"/> and an <see cref="IPaymentLedger"/> for the claims), or, with
    /// remote settlement, the node at <c>NodeUrl</c> (<c>GET /v1/sessions/{id}</c>, claims through <c>POST /v1/transactions</c>).
    /// </summary>
    public static IServiceCollection AddFontanaSessions(this IServiceCollection services, Action<Fontana.AspNetCore.Sessions.FontanaSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<Fontana.AspNetCore.Sessions.FontanaSessionOptions>().BindConfiguration(Fontana.AspNetCore.Sessions.FontanaSessionOptions.SectionName)
            .Configure(o => o.Enabled = true);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<Fontana.AspNetCore.Sessions.SessionNode>();
        services.TryAddSingleton<Fontana.AspNetCore.Sessions.SessionBook>();
        services.TryAddSingleton<Fontana.AspNetCore.Sessions.SessionGate>();
        services.TryAddSingleton<Fontana.AspNetCore.Sessions.SessionClaimer>();
        services.AddHostedService(sp => sp.GetRequiredService<Fontana.AspNetCore.Sessions.SessionClaimer>());
        services.TryAddSingleton<Fontana.AspNetCore.Sessions.ISessionClaims>(sp => sp.GetRequiredService<Fontana.AspNetCore.Sessions.SessionClaimer>());
        return services;
    }

    private static IPaymentSettler CreateSettler(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FontanaProviderOptions>>().Value;
        if (options.Settlement == SettlementMode.Remote)
        {
            return new RemoteNodeSettler(services.GetRequiredService<IHttpClientFactory>(), new Uri(options.NodeUrl!));
        }

        var ledger = services.GetService<IPaymentLedger>() ?? throw new InvalidOperationException(
            $"{FontanaProviderOptions.SectionName}:Settlement is InProcess but no {nameof(IPaymentLedger)} is registered: host the node in " +
            "this process (Fontana.Node registers one), or set Settlement to Remote with a NodeUrl.");
        return new InProcessLedgerSettler(ledger);
    }
}
