using Fontana.Core;

namespace Fontana.Sdk.Payments;

/// <summary>
/// An <see cref="HttpClient"/> handler that pays for x402-priced APIs with Fontana: on HTTP 402 it decodes
/// <c>PAYMENT-REQUIRED</c>, picks an offer it can pay (scheme <c>exact</c>, network <c>fontana:&lt;chainId&gt;</c>,
/// asset <c>utia</c>, price within the per-call limit), locks a coin of the wallet, signs the payment and retries the
/// request once with <c>PAYMENT-SIGNATURE</c> (request bodies are buffered so the retry resends them). The receipt is
/// on the response: <c>response.GetFontanaReceipt()</c>. Failures throw <see cref="FontanaPaymentException"/>
/// (e.g. <see cref="InsufficientFundsException"/>). Responses other than 402 pass through untouched.
/// </summary>
public sealed class PaymentHandler : DelegatingHandler
{
    private readonly FontanaPayer _payer;
    private readonly Amount _maxPricePerCall;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendInner;

    /// <summary>Pays from <paramref name="payer"/>'s wallet; <paramref name="maxPricePerCall"/> overrides the payer's limit.</summary>
    public PaymentHandler(FontanaPayer payer, Amount? maxPricePerCall = null)
    {
        ArgumentNullException.ThrowIfNull(payer);
        _payer = payer;
        _maxPricePerCall = maxPricePerCall ?? payer.Options.MaxPricePerCall;
        _sendInner = SendInnerAsync;
    }

    /// <summary>The payer this handler pays from.</summary>
    public FontanaPayer Payer => _payer;

    /// <summary>Sends the request; on a 402 with a payable Fontana offer, pays it and resends once with the payment header (see the type's summary).</summary>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = request.TryGetFontanaMaxPrice(out var perRequest) ? perRequest : _maxPricePerCall;
        return _payer.SendPaidAsync(request, _sendInner, limit, cancellationToken);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
