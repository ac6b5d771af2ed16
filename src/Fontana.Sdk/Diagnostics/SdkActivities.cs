using System.Diagnostics;
using Fontana.Sdk.Payments;

namespace Fontana.Sdk.Diagnostics;

/// <summary>
/// The SDK's spans on the activity source <c>Fontana.Sdk</c>: one <c>fontana.paid_call</c> per priced request, from the
/// 402 to the paid retry's answer. The paid retry's HTTP request is its child, so the provider's and the node's spans
/// join the same trace through W3C <c>traceparent</c>. Nothing is recorded unless a listener (OpenTelemetry's
/// <c>AddSource("Fontana.*")</c>) is attached.
/// </summary>
internal static class SdkActivities
{
    public const string SourceName = "Fontana.Sdk";

    public static readonly ActivitySource Source = new(SourceName, typeof(SdkActivities).Assembly.GetName().Version?.ToString());

    public static Activity? StartPaidCall(Uri? url)
    {
        var activity = Source.StartActivity("fontana.paid_call", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true } && url is not null)
        {
            activity.SetTag("url.full", url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.ToString());
        }

        return activity;
    }

    public static void Payment(Activity? activity, PendingPayment payment, int attempt)
    {
        if (activity is not { IsAllDataRequested: true })
        {
            return;
        }

        activity.SetTag("fontana.txid", payment.Transaction.TxId.ToString());
        activity.SetTag("fontana.pay_to", payment.PayTo.ToString());
        activity.SetTag("fontana.price_utia", (long)payment.Price.Utia);
        activity.SetTag("fontana.attempt", attempt + 1);
    }

    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception is FontanaPaymentException payment ? payment.Code : exception.GetType().Name);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
