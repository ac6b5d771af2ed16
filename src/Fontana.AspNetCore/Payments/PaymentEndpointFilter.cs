namespace Fontana.AspNetCore.Payments;

/// <summary>The endpoint filter <c>RequirePayment</c> adds: runs the handler only once the request is paid.</summary>
internal sealed class PaymentEndpointFilter(IPriceMetadata price) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;

        // With prices on both a group and an endpoint, only the most specific one (the last metadata) charges.
        if (!ReferenceEquals(http.GetEndpoint()?.Metadata.GetMetadata<IPriceMetadata>() ?? price, price))
        {
            return await next(context).ConfigureAwait(false);
        }

        var gate = http.RequestServices.GetRequiredService<PaymentGate>();
        return await gate.AuthorizeAsync(http, price).ConfigureAwait(false)
            ? await next(context).ConfigureAwait(false)
            : Results.Empty;
    }
}
