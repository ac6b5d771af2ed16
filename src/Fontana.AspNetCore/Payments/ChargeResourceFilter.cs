using Fontana.AspNetCore.Sessions;
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
        if (!await gate.AuthorizeAsync(http, EffectivePrice.Of(http.GetEndpoint()) ?? price).ConfigureAwait(false))
        {
            context.Result = new EmptyResult();
            return;
        }

        if (http.Features.Get<SessionGate.SessionCall>() is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        await RunSessionCallAsync(http, next).ConfigureAwait(false);
    }

    /// <summary>
    /// A session call is charged after the action: what it set (<c>SetFontanaPrice</c>) when it succeeded, nothing on a
    /// 5xx or an exception. MVC writes the result inside <paramref name="next"/>, so the charge is made as the response
    /// starts (its PAYMENT-RESPONSE header still writable), or after the action when nothing was written.
    /// </summary>
    private static async Task RunSessionCallAsync(HttpContext http, ResourceExecutionDelegate next)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionGate>();
        http.Response.OnStarting(() => sessions.CompleteAsync(http, succeeded: http.Response.StatusCode < StatusCodes.Status500InternalServerError).AsTask());
        ResourceExecutedContext executed;
        try
        {
            executed = await next().ConfigureAwait(false);
        }
        catch
        {
            await sessions.CompleteAsync(http, succeeded: false).ConfigureAwait(false);
            throw;
        }

        var failed = executed.Exception is not null && !executed.ExceptionHandled;
        await sessions.CompleteAsync(http, succeeded: !failed && http.Response.StatusCode < StatusCodes.Status500InternalServerError).ConfigureAwait(false);
    }
}
