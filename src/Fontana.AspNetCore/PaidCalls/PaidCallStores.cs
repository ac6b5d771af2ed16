using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>Builds the <see cref="IPaidCallStore"/> that <see cref="PaidCallOptions.Store"/> names.</summary>
internal static class PaidCallStores
{
    public static IPaidCallStore Create(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IOptions<FontanaProviderOptions>>().Value;
        var options = provider.PaidCalls;
        return options.Store switch
        {
            PaidCallStoreKind.Sqlite => new SqlitePaidCallStore(options.SqlitePath!),
            PaidCallStoreKind.PostgreSql => new PostgresPaidCallStore(options.ConnectionString!, options.Schema),
            _ => new InMemoryPaidCallStore(provider.SettledPaymentCapacity),
        };
    }
}
