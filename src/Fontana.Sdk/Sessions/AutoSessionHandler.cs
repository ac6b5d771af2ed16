using System.Globalization;
using System.Net;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Core.X402;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Permissions;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// Pays through payment sessions when <see cref="PaymentSessionOptions.Enabled"/> (<see cref="FontanaPayer.CreateSessionHandler"/>):
/// sits under the <see cref="PaymentHandler"/>, next to the network. A route whose provider and price a 402 taught gets
/// a voucher on the first request; a 402 offering <c>fontana-session</c> opens (or reuses) the provider's session and
/// the request is sent again with a voucher. When the provider refuses the voucher, or no session can be opened, the
/// 402 goes up to the <see cref="PaymentHandler"/>, which pays that call with <c>exact</c>. Requests that already carry
/// a payment (the handler's <c>exact</c> retry) pass through untouched.
/// </summary>
internal sealed class AutoSessionHandler(FontanaPayer payer, SessionPayer sessions, Amount maxPricePerCall) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Contains(X402Headers.PaymentSignature) || request.RequestUri is not { IsAbsoluteUri: true } url)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var limit = request.TryGetFontanaMaxPrice(out var perRequest) ? perRequest : maxPricePerCall;
        if (sessions.TryGetKnown(url, out var known, out var knownPrice) && knownPrice <= limit
            && await TrySendWithVoucherAsync(request, known, knownPrice, cancellationToken).ConfigureAwait(false) is { } paid)
        {
            return paid;
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.PaymentRequired
            || !TryReadSessionOffer(response, out var payee, out var minDeposit, out var price, out var macCredit) || price > limit)
        {
            return response;
        }

        sessions.Learn(url, payee, price);
        SessionEntry entry;
        try
        {
            entry = await sessions.GetOrOpenAsync(payee, minDeposit, price, cancellationToken).ConfigureAwait(false);
            entry.Session.MacCredit = macCredit;
        }
        catch (Exception ex) when (ex is FontanaApiException or FontanaPaymentException or UtxoLockTimeoutException)
        {
            // No session (funds, node): the 402 goes up and the call is paid with exact, which reports its own failure.
            return response;
        }

        var retried = await TrySendWithVoucherAsync(request, entry, price, cancellationToken).ConfigureAwait(false);
        if (retried is null)
        {
            return response;
        }

        response.Dispose();
        return retried;
    }

    /// <summary>Sends the request with the session's next voucher; null when no voucher could be signed (nothing sent).</summary>
    private async Task<HttpResponseMessage?> TrySendWithVoucherAsync(HttpRequestMessage request, SessionEntry entry, Amount price, CancellationToken cancellationToken)
    {
        try
        {
            await sessions.EnsureFundsAsync(entry, price, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FontanaApiException or FontanaPaymentException or UtxoLockTimeoutException)
        {
            return null;
        }

        var session = entry.Session;
        var payTo = new Address(session.Payee);
        var budget = await payer.Permissions.AuthorizeAsync(
            new PermissionRequest(payer.Options.AppName, PermissionScope.ForOrigin(request.RequestUri!).Key, payTo, request.RequestUri!.GetLeftPart(UriPartial.Path), price, Amount.Zero),
            payer.Options.OnPermissionRequest, cancellationToken).ConfigureAwait(false);
        var voucher = session.NextPresentedVoucher(price);
        if (voucher is null)
        {
            budget.Release();
            return null;
        }

        HttpResponseMessage response;
        try
        {
            await sessions.RecordAheadAsync(entry, voucher.Voucher, price, cancellationToken).ConfigureAwait(false);
            var accepted = new PaymentRequirements
            {
                Scheme = FontanaSession.Scheme,
                Network = FontanaExact.FormatNetwork(session.ChainId),
                Amount = price.Utia.ToString(CultureInfo.InvariantCulture),
                Asset = FontanaExact.Asset,
                PayTo = payTo.ToString(),
                MaxTimeoutSeconds = 60,
            };
            response = await SendWithAsync(request, accepted, voucher, cancellationToken).ConfigureAwait(false);
            if (voucher.Signed is null && SessionRefusals.IsSignatureRequired(response))
            {
                // Beyond the provider's MAC credit: the same voucher (its counter unused there), signed.
                response.Dispose();
                response = await SendWithAsync(request, accepted, session.Signed(voucher.Voucher), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Sent or not, the voucher authorizes at most its price; the budget counts what the payer signed.
            budget.Commit();
            request.Headers.Remove(X402Headers.PaymentSignature);
            throw;
        }

        var settlement = SessionRefusals.ReadSettlement(response);
        if (response.StatusCode == HttpStatusCode.PaymentRequired && settlement is { Success: false })
        {
            // Refused: nothing charged. The session is dropped (closed, expired, unknown, …) and this call goes up as a 402.
            budget.Release();
            request.Headers.Remove(X402Headers.PaymentSignature);
            sessions.Drop(entry, closed: settlement.ErrorReason is ErrorCodes.SessionClosed or ErrorCodes.SessionNotFound or ErrorCodes.WrongPayee);
            return response;
        }

        budget.Commit();
        if (settlement?.Extensions is { } extensions && extensions.TryGetProperty("fontanaSession", out var receipt)
            && receipt.TryGetProperty("totalCharged", out var total) && total.ValueKind == System.Text.Json.JsonValueKind.String
            && Amount.TryParseUtia(total.GetString()!, out var charged, out _))
        {
            session.RecordCharged(charged);
        }

        return response;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, PaymentRequirements accepted, Core.Sessions.PresentedVoucher voucher, CancellationToken cancellationToken)
    {
        var payload = new PaymentPayload { Accepted = accepted, Payload = FontanaSession.CreatePayload(voucher) };
        request.Headers.Remove(X402Headers.PaymentSignature);
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, X402HeaderCodec.EncodePaymentSignature(payload));
        return base.SendAsync(request, cancellationToken);
    }

    private bool TryReadSessionOffer(HttpResponseMessage response, out Core.Crypto.PublicKey payee, out Amount minDeposit, out Amount price, out Amount macCredit)
    {
        payee = default;
        minDeposit = Amount.Zero;
        price = Amount.Zero;
        macCredit = Amount.Zero;
        if (!response.Headers.TryGetValues(X402Headers.PaymentRequired, out var values))
        {
            return false;
        }

        PaymentRequired required;
        try
        {
            required = X402HeaderCodec.DecodePaymentRequired(values.First());
        }
        catch (X402FormatException)
        {
            return false;
        }

        var network = payer.ChainOrNull?.Network;
        foreach (var offer in required.Accepts)
        {
            if (offer.Scheme == FontanaSession.Scheme && offer.Asset == FontanaExact.Asset && (network is null || offer.Network == network)
                && offer.TryGetAmount(out price) && FontanaSession.TryReadExtra(offer.Extra, out payee, out minDeposit, out macCredit))
            {
                // Sessions pay extra.payee (the provider's challenge key, which signs its claims), not payTo.
                return true;
            }
        }

        return false;
    }
}
