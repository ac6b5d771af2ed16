using Fontana.Sdk.Payments;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Fontana payments on a named or typed <see cref="HttpClient"/>.</summary>
public static class FontanaHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes this client pay for x402-priced calls from a Fontana wallet:
    /// <c>services.AddHttpClient("weather").AddFontanaPayments(o =&gt; { o.NodeUrl = …; o.SigningKey = …; })</c>.
    /// Each client name gets its own <see cref="FontanaPayer"/> (wallet, UTXO cache, locks), shared by all instances
    /// of that client; options are validated when the payer is first created.
    /// </summary>
    public static IHttpClientBuilder AddFontanaPayments(this IHttpClientBuilder builder, Action<FontanaPayerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var name = builder.Name;
        builder.Services.Configure(name, configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<FontanaPayerRegistry>();
        builder.AddHttpMessageHandler(services => services.GetRequiredService<FontanaPayerRegistry>().Get(name).CreateHandler());
        // Inner to the payment handler: pays through sessions when FontanaPayerOptions.Sessions is enabled.
        builder.AddHttpMessageHandler(services => services.GetRequiredService<FontanaPayerRegistry>().Get(name).CreateSessionHandler());
        return builder;
    }

    /// <summary>The payer behind the client named <paramref name="clientName"/> (for its receipts, funds and cache).</summary>
    public static FontanaPayer GetFontanaPayer(this IServiceProvider services, string clientName)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<FontanaPayerRegistry>().Get(clientName);
    }

    /// <summary>One payer per client name, created on first use and disposed with the container.</summary>
    internal sealed class FontanaPayerRegistry(
        IOptionsMonitor<FontanaPayerOptions> options, TimeProvider time, IServiceProvider services) : IDisposable
    {
        private readonly Dictionary<string, FontanaPayer> _payers = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public FontanaPayer Get(string name)
        {
            lock (_gate)
            {
                if (!_payers.TryGetValue(name, out var payer))
                {
                    payer = new FontanaPayer(
                        options.Get(name), time, services.GetService<ILoggerFactory>(), services.GetService<System.Diagnostics.Metrics.IMeterFactory>());
                    _payers.Add(name, payer);
                }

                return payer;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                foreach (var payer in _payers.Values)
                {
                    payer.Dispose();
                }

                _payers.Clear();
            }
        }
    }
}
