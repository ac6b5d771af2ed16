using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Fontana.AspNetCore.Payments;

/// <summary>The MVC filter behind <see cref="ChargeAttribute"/>: runs before model binding and the action.</summary>
internal sealed class ChargeResourceFilter(IPriceMetadata price) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        // [Charge] on a controller and an action, or with a RequirePayment convention: the effective price charges once.
        var http = context.HttpContext;
        var gate = http.RequestServices.GetRequiredService<PaymentGate>();
        if (await gate.AuthorizeAsync(http, EffectivePrice.Of(http.GetEndpoint()) ?? price).ConfigureAwait(false))
        {
            await next().ConfigureAwait(false);
            return;
        }

        context.Result = new EmptyResult();
    }
}
