namespace Fontana.AspNetCore.Payments;

/// <summary>The endpoint filter <c>RequirePayment</c> adds: runs the handler only once the request is paid.</summary>
internal sealed class PaymentEndpointFilter(IPriceMetadata price) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Several prices on one endpoint (group and route, convention and [Charge]): the first filter to run charges
        // the effective one; the others see the request already paid.
        var http = context.HttpContext;
        var gate = http.RequestServices.GetRequiredService<PaymentGate>();
        return await gate.AuthorizeAsync(http, EffectivePrice.Of(http.GetEndpoint()) ?? price).ConfigureAwait(false)
            ? await next(context).ConfigureAwait(false)
            : Results.Empty;
    }
}
