using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.X402;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// An <see cref="HttpClient"/> handler that pays every request to one provider through an open
/// <see cref="PaymentSession"/> (scheme <c>fontana-session</c>): it sends the next voucher on the first request, so a
/// known session never costs a 402 round trip, a ledger write or a node call. Each voucher authorizes
/// <see cref="MaxPricePerCall"/> (the budget of one call); the provider charges what the call cost (its receipt says
/// what and why) and nothing for a failed call. A request the deposit cannot cover throws
/// <see cref="InsufficientFundsException"/> before it is sent: top the session up.
/// </summary>
public sealed class SessionPaymentHandler : DelegatingHandler
{
    private readonly PaymentSession _session;
    private readonly byte[] _acceptedJson;

    /// <summary>Pays through <paramref name="session"/>, at most <paramref name="maxPricePerCall"/> per call.</summary>
    public SessionPaymentHandler(PaymentSession session, Amount maxPricePerCall)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        MaxPricePerCall = maxPricePerCall;
        _acceptedJson = X402Json.SerializeToUtf8Bytes(new PaymentRequirements
        {
            Scheme = FontanaSession.Scheme,
            Network = FontanaExact.FormatNetwork(session.ChainId),
            Amount = maxPricePerCall.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Asset = FontanaExact.Asset,
            PayTo = new Address(session.Payee).ToString(),
            MaxTimeoutSeconds = 60,
        });
    }

    /// <summary>The most one call may cost (what each voucher authorizes).</summary>
    public Amount MaxPricePerCall { get; }

    /// <summary>The session paying.</summary>
    public PaymentSession Session => _session;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var voucher = _session.NextPresentedVoucher(MaxPricePerCall)
            ?? throw new InsufficientFundsException(_session.Remaining, MaxPricePerCall);
        var response = await SendWithAsync(request, voucher, cancellationToken).ConfigureAwait(false);
        if (voucher.Signed is null && SessionRefusals.IsSignatureRequired(response))
        {
            // Beyond the provider's MAC credit (calls in flight overtook the last signed voucher): the same voucher, signed.
            response.Dispose();
            response = await SendWithAsync(request, _session.Signed(voucher.Voucher), cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, PresentedVoucher voucher, CancellationToken cancellationToken)
    {
        request.Headers.Remove(X402Headers.PaymentSignature);
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, FontanaSession.EncodePaymentSignature(_acceptedJson, voucher));
        return base.SendAsync(request, cancellationToken);
    }
}
