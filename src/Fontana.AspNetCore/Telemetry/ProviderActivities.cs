using System.Diagnostics;
using Fontana.AspNetCore.Settlement;
using Fontana.Core;
using Fontana.Core.Transactions;

namespace Fontana.AspNetCore.Telemetry;

/// <summary>
/// The provider middleware's spans on the activity source <c>Fontana.AspNetCore</c>: <c>fontana.payment.settle</c>
/// around each settlement, a child of ASP.NET Core's request span (itself a child of the client's span through W3C
/// <c>traceparent</c>). With remote settlement the node's spans are its children in turn. Nothing is recorded unless a
/// listener is attached (OpenTelemetry's <c>AddSource("Fontana.*")</c>).
/// </summary>
internal static class ProviderActivities
{
    public const string SourceName = "Fontana.AspNetCore";

    public static readonly ActivitySource Source = new(SourceName, typeof(ProviderActivities).Assembly.GetName().Version?.ToString());

    public static Activity? StartSettle(Transaction transaction, Amount amount)
    {
        var activity = Source.StartActivity("fontana.payment.settle", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("fontana.txid", transaction.TxId.ToString());
            activity.SetTag("fontana.amount_utia", (long)amount.Utia);
        }

        return activity;
    }

    public static void Settled(Activity? activity, SettleOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (outcome.Success)
        {
            activity.SetTag("fontana.outcome", "settled");
            return;
        }

        activity.SetTag("fontana.outcome", outcome.IsUnavailable ? "unavailable" : "rejected");
        activity.SetTag("error.type", outcome.ErrorReason);
        activity.SetStatus(ActivityStatusCode.Error, outcome.Detail ?? outcome.ErrorReason);
    }
}
