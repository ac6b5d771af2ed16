using Fontana.AspNetCore.Payments;
using Fontana.AspNetCore.Settlement;
using Fontana.Core.X402;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore;

/// <summary><c>services.AddFontanaPayments(...)</c>: the provider side of Fontana payments.</summary>
public static class FontanaPaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers paid-endpoint support: options bound from <c>Fontana:Provider</c> then <paramref name="configure"/>,
    /// validated at start-up; the challenge issuer, the stateless verifier, and the settler for the configured
    /// <see cref="FontanaPaymentsOptions.Settlement"/> (in-process needs an <see cref="IPaymentLedger"/> in the
    /// container, which the node registers; remote needs <see cref="FontanaPaymentsOptions.NodeUrl"/>).
    /// A custom <see cref="IPaymentSettler"/> registered before this call replaces both.
    /// </summary>
    public static IServiceCollection AddFontanaPayments(this IServiceCollection services, Action<FontanaPaymentsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FontanaPaymentsOptions>().BindConfiguration(FontanaPaymentsOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FontanaPaymentsOptions>, FontanaPaymentsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProviderIdentity>();
        services.TryAddSingleton<ChallengeIssuer>();
        services.TryAddSingleton(sp => new FontanaExactVerifier(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SettledPaymentCache(sp.GetRequiredService<IOptions<FontanaPaymentsOptions>>().Value.SettledPaymentCapacity));
        services.TryAddSingleton<PaymentGate>();
        services.TryAddSingleton(CreateSettler);
        services.AddHttpClient(RemoteNodeSettler.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<FontanaPaymentsOptions>>().Value.RemoteSettlementTimeout);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, PaymentsStartupCheck>());
        services.AddOptions<Sessions.FontanaSessionOptions>().BindConfiguration(Sessions.FontanaSessionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Sessions.FontanaSessionOptions>, Sessions.FontanaSessionOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Adds the <c>fontana-session</c> scheme (docs/x402.md): 402s offer it next to <c>exact</c>, vouchers are checked
    /// locally, charges are kept in the provider's session ledger (<see cref="Sessions.FontanaSessionOptions.StorePath"/>)
    /// and claimed in batches. Needs an <see cref="Sessions.ISessionDirectory"/> (the node registers one) and, to
    /// claim, an <see cref="IPaymentLedger"/>.
    /// </summary>
    public static IServiceCollection AddFontanaSessions(this IServiceCollection services, Action<Sessions.FontanaSessionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<Sessions.FontanaSessionOptions>().BindConfiguration(Sessions.FontanaSessionOptions.SectionName)
            .Configure(o => o.Enabled = true);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<Sessions.SessionBook>();
        services.TryAddSingleton<Sessions.SessionGate>();
        services.TryAddSingleton<Sessions.SessionClaimer>();
        services.AddHostedService(sp => sp.GetRequiredService<Sessions.SessionClaimer>());
        return services;
    }

    private static IPaymentSettler CreateSettler(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FontanaPaymentsOptions>>().Value;
        if (options.Settlement == SettlementMode.Remote)
        {
            return new RemoteNodeSettler(services.GetRequiredService<IHttpClientFactory>(), new Uri(options.NodeUrl!));
        }

        var ledger = services.GetService<IPaymentLedger>() ?? throw new InvalidOperationException(
            $"{FontanaPaymentsOptions.SectionName}:Settlement is InProcess but no {nameof(IPaymentLedger)} is registered: host the node in " +
            "this process (Fontana.Node registers one), or set Settlement to Remote with a NodeUrl.");
        return new InProcessLedgerSettler(ledger);
    }
}
