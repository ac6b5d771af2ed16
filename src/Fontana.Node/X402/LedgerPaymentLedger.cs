using Fontana.AspNetCore.Settlement;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.Node.X402;

/// <summary>
/// The provider's <see cref="IPaymentLedger"/> over the node's <see cref="ILedger"/> in the same process: a paid call
/// settles with one in-memory hand-off to the ledger's pipeline (no HTTP). Re-submitting an applied payment returns
/// its original receipt (the ledger is idempotent).
/// </summary>
public sealed class LedgerPaymentLedger : IPaymentLedger
{
    private readonly Func<ILedger> _ledger;

    /// <param name="ledger">Returns the open ledger; may throw while the node is starting (answered as unavailable).</param>
    public LedgerPaymentLedger(Func<ILedger> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken) =>
        ApplyAsync(ledger => ledger.ApplyAsync(transaction, cancellationToken));

    /// <inheritdoc/>
    /// <remarks>The object goes to the ledger as it is: a signature the provider verified on it is not verified again.</remarks>
    public Task<SettleOutcome> SubmitDecodedAsync(Transaction transaction, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return ApplyAsync(ledger => ledger.ApplyAsync(transaction, cancellationToken));
    }

    private async Task<SettleOutcome> ApplyAsync(Func<ILedger, Task<ApplyResult>> apply)
    {
        ILedger ledger;
        try
        {
            ledger = _ledger();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return SettleOutcome.Unavailable(LedgerErrorCodes.LedgerUnavailable, "the ledger is not ready: " + ex.Message);
        }

        return ToOutcome(await apply(ledger).ConfigureAwait(false));
    }

    internal static SettleOutcome ToOutcome(ApplyResult result)
    {
        if (result.IsAccepted)
        {
            return SettleOutcome.Settled(FontanaExactReceipt.ToDto(result.Receipt), result.AlreadyApplied);
        }

        return result.IsUnavailable
            ? SettleOutcome.Unavailable(result.Code, result.Detail)
            : SettleOutcome.Rejected(result.Code, result.Detail);
    }
}
