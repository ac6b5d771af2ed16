using System.Net;
using Fontana.Core.X402;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;

namespace Fontana.Sdk.Networks;

/// <summary>The <see cref="HttpClient"/> handler of a <see cref="FontanaNetworkClient"/>: on a 402 it picks the network
/// to pay on (<see cref="NetworkOfferSelector"/>) and lets that network's payer pay and retry the request.</summary>
internal sealed class NetworkPaymentHandler : DelegatingHandler
{
    private readonly FontanaNetworkClient _client;
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _sendInner;

    public NetworkPaymentHandler(FontanaNetworkClient client)
    {
        _client = client;
        _sendInner = SendInnerAsync;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ClearFontanaReceipt();
        request.Headers.Remove(X402Headers.PaymentSignature);
        if (request.Content is not null)
        {
            // The paid retry sends the same body again.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.PaymentRequired || !PaymentFlow.TryReadPaymentRequired(response, out var required))
        {
            return response;
        }

        response.Dispose();
        Core.Amount? perRequest = request.TryGetFontanaMaxPrice(out var limit) ? limit : null;
        var network = await NetworkOfferSelector.SelectAsync(required, _client.OrderedNetworks, perRequest, cancellationToken).ConfigureAwait(false);
        return await network.Payer.PayChallengeAsync(request, _sendInner, required, perRequest ?? network.MaxPricePerCall, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
