using Fontana.AspNetCore.Payments;
using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The <c>fontana-session</c> scheme in the payment gate: before the handler, a voucher is checked locally and the
/// call's maximum price held; after it, the final price (<c>SetFontanaPrice</c>, default the price) is charged durably
/// when the call succeeded, nothing on a 5xx or an exception, and PAYMENT-RESPONSE says what was charged and why.
/// </summary>
internal sealed class SessionGate(SessionBook book, ProviderIdentity identity)
{
    /// <summary>True when the voucher pays for the call (the handler may run); false when a refusal was written.</summary>
    public async ValueTask<bool> AuthorizeAsync(HttpContext context, PaymentPayload payload, Amount price, Func<string, string, string?, ValueTask> refuse)
    {
        if (!FontanaSession.TryReadPayload(payload.Payload, out var voucher, out var error))
        {
            await PaymentResponses.WriteMalformedAsync(context, "invalid-payload", error!).ConfigureAwait(false);
            return false;
        }

        var (session, reason, detail) = await book.AcceptAsync(voucher!, price, context.RequestAborted).ConfigureAwait(false);
        if (session is null)
        {
            await refuse(reason!, detail!, null).ConfigureAwait(false);
            return false;
        }

        var charge = new FontanaSessionCharge(session.Terms.Id, session.PayerAddress, price);
        context.Features.Set(new SessionCall(session, charge, voucher!));
        context.Features.Set(charge);
        return true;
    }

    /// <summary>Charges (or voids) the call after the handler; <paramref name="succeeded"/> is false for a 5xx or an exception.</summary>
    public async ValueTask CompleteAsync(HttpContext context, bool succeeded)
    {
        var call = context.Features.Get<SessionCall>();
        if (call is null || call.Completed)
        {
            return;
        }

        call.Completed = true;
        var charged = succeeded ? call.Charge.Price : Amount.Zero;
        await book.CompleteAsync(call.Session, call.Charge.MaxPrice, charged).ConfigureAwait(false);
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[X402Headers.PaymentResponse] =
                SessionReceipt.EncodePaymentResponse(call, identity.Network, charged, succeeded ? call.Charge.Reason : "failed-call");
        }
    }

    /// <summary>The session call in flight on a request.</summary>
    internal sealed class SessionCall(ProviderSession session, FontanaSessionCharge charge, PresentedVoucher voucher)
    {
        public ProviderSession Session { get; } = session;

        public FontanaSessionCharge Charge { get; } = charge;

        public PresentedVoucher Voucher { get; } = voucher;

        public bool Completed { get; set; }
    }
}
