using System.Data.Common;
using Fontana.Core.Errors;
using Fontana.Ledger;
using Fontana.Node.Chain;

namespace Fontana.Node.Api;

/// <summary>
/// Last line of the v1 API: an exception that escaped a handler becomes problem+json with a code, never an HTML
/// page or a bare 500: ledger failures and store faults 503 <c>ledger-unavailable</c>, shutdown 503 <c>not-ready</c>,
/// a bad request Kestrel detected 400/413, anything else 500 <c>internal-error</c> (logged).
/// </summary>
internal sealed class ApiExceptionFilter(ILogger<ApiExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiProblems.Create(413, ErrorCodes.PayloadTooLarge, ex.Message)
                : ApiProblems.Create(400, ErrorCodes.MalformedJson, ex.Message);
        }
        catch (NodeNotReadyException ex)
        {
            return ApiProblems.Create(503, ErrorCodes.NotReady, ex.Message);
        }
        catch (LedgerException ex)
        {
            logger.LogError(ex, "ledger failure ({Code}) serving {Path}", ex.Code, context.HttpContext.Request.Path);
            return ApiProblems.Create(503, ErrorCodes.LedgerUnavailable, $"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex) when (ex is DbException or IOException)
        {
            logger.LogError(ex, "store failure serving {Path}", context.HttpContext.Request.Path);
            return ApiProblems.Create(503, ErrorCodes.LedgerUnavailable, "the ledger store is unavailable");
        }
        catch (ObjectDisposedException)
        {
            return ApiProblems.Create(503, ErrorCodes.NotReady, "the node is shutting down");
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
#pragma warning disable CA1031 // the API answers every failure with problem+json
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "unhandled failure serving {Path}", context.HttpContext.Request.Path);
            return ApiProblems.Create(500, ErrorCodes.InternalError, "internal error; see the node's log");
        }
    }
}
