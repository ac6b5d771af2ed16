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
        if (!await gate.AuthorizeAsync(http, EffectivePrice.Of(http.GetEndpoint()) ?? price).ConfigureAwait(false))
        {
            return Results.Empty;
        }

        if (http.Features.Get<Sessions.SessionGate.SessionCall>() is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        // A session call is charged after the handler: what it set (SetFontanaPrice) when it succeeded, nothing on a 5xx or an exception.
        var sessions = http.RequestServices.GetRequiredService<Sessions.SessionGate>();
        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch
        {
            await sessions.CompleteAsync(http, succeeded: false).ConfigureAwait(false);
            throw;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        await sessions.CompleteAsync(http, succeeded: status < StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        return result;
    }
}
