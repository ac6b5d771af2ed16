using System.Diagnostics;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.Diagnostics;

/// <summary>
/// The ledger's spans on the activity source <c>Fontana.Ledger</c>: <c>fontana.ledger.apply</c> from a transaction's
/// submission to its durable commit (or refusal), a child of whatever span submitted it (the node's request span, or
/// the provider's settle span with in-process settlement). When nothing listens, the paid path pays one
/// <see cref="ActivitySource.HasListeners"/> check and nothing else.
/// </summary>
internal static class LedgerActivities
{
    public const string SourceName = "Fontana.Ledger";

    public static readonly ActivitySource Source = new(SourceName, typeof(LedgerActivities).Assembly.GetName().Version?.ToString());

    public static Task<ApplyResult> Trace(Task<ApplyResult> apply, Transaction? transaction) =>
        Source.HasListeners() ? TraceAsync(apply, transaction) : apply;

    private static async Task<ApplyResult> TraceAsync(Task<ApplyResult> apply, Transaction? transaction)
    {
        using var activity = Source.StartActivity("fontana.ledger.apply", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true } && transaction is not null)
        {
            activity.SetTag("fontana.txid", transaction.TxId.ToString());
        }

        var result = await apply.ConfigureAwait(false);
        if (activity is null)
        {
            return result;
        }

        activity.SetTag("fontana.txid", result.TxId.ToString());
        if (result.IsAccepted)
        {
            activity.SetTag("fontana.outcome", result.AlreadyApplied ? "already-applied" : "committed");
        }
        else
        {
            activity.SetTag("fontana.outcome", "rejected");
            activity.SetTag("error.type", result.Code);
            activity.SetStatus(ActivityStatusCode.Error, result.Detail ?? result.Code);
        }

        return result;
    }
}
