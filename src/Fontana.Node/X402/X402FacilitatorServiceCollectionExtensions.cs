using Fontana.Node.X402;
using Fontana.AspNetCore.Settlement;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>DI for the node's x402 side: the facilitator and in-process settlement for a co-hosted provider.</summary>
public static class X402FacilitatorServiceCollectionExtensions
{
    /// <summary>
    /// Lets a provider in this process (<c>AddFontanaPayments</c> with <c>Settlement = InProcess</c>) settle
    /// directly on the node's ledger: registers <see cref="IPaymentLedger"/> and the session directory over the node's ledger (or an <see cref="ILedger"/> singleton).
    /// </summary>
    public static IServiceCollection AddFontanaInProcessSettlement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IPaymentLedger>(sp => new LedgerPaymentLedger(() => LedgerResolver.Resolve(sp)));
        services.TryAddSingleton<Fontana.AspNetCore.Sessions.ISessionDirectory>(sp => new LedgerSessionDirectory(() => LedgerResolver.Resolve(sp)));
        return services;
    }
}
