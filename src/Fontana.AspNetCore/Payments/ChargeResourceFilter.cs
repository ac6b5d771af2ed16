using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Fontana.AspNetCore.Payments;

/// <summary>The MVC filter behind <see cref="ChargeAttribute"/>: runs before model binding and the action.</summary>
internal sealed class ChargeResourceFilter(IPriceMetadata price) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;

        // [Charge] on both a controller and an action: only the action's (the last metadata) charges.
        if (!ReferenceEquals(http.GetEndpoint()?.Metadata.GetMetadata<IPriceMetadata>() ?? price, price))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var gate = http.RequestServices.GetRequiredService<PaymentGate>();
        if (await gate.AuthorizeAsync(http, price).ConfigureAwait(false))
        {
            await next().ConfigureAwait(false);
            return;
        }

        context.Result = new EmptyResult();
    }
}
