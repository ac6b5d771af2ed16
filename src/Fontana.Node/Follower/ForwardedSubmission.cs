using Fontana.Core.Errors;
using Fontana.Node.Api;

namespace Fontana.Node.Follower;

/// <summary>
/// <c>POST /v1/transactions</c> on a follower: the body (capped like the sequencer's own limit) goes to the sequencer
/// unchanged and its answer — receipt or problem — comes back unchanged, so a client cannot tell a follower from the
/// sequencer except by latency. 503 <c>sequencer-unavailable</c> when the sequencer cannot be reached, 503
/// <c>follower-halted</c> after the follower saw the sequencer equivocate.
/// </summary>
internal static class ForwardedSubmission
{
    public static async Task<IResult> ForwardAsync(HttpRequest request, SequencerClient sequencer, FollowerStatus status, long maxBodyBytes)
    {
        if (status.Halt is { } halt)
        {
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.FollowerHalted,
                $"this follower stopped at block {halt.Height} ({halt.Code}) and forwards nothing; submit to another node");
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return TooLarge(maxBodyBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return TooLarge(maxBodyBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var answer = await sequencer.ForwardSubmissionAsync(buffer.ToArray(), request.ContentType, CancellationToken.None);
            return new Passthrough(answer);
        }
        catch (SequencerUnavailableException ex)
        {
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.SequencerUnavailable, ex.Message);
        }
    }

    private static IResult TooLarge(long maxBodyBytes) =>
        ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"the request body is larger than {maxBodyBytes} bytes");

    private sealed class Passthrough(ForwardedResponse answer) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = answer.Status;
            if (answer.ContentType is { } contentType)
            {
                httpContext.Response.ContentType = contentType;
            }

            await httpContext.Response.Body.WriteAsync(answer.Body, httpContext.RequestAborted);
        }
    }
}
