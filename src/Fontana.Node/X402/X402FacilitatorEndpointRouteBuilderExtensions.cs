using System.Buffers;
using Fontana.AspNetCore.Problems;
using Fontana.Core.Errors;
using Fontana.Core.X402;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.X402;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The x402 facilitator HTTP API (coinbase/x402 x402-specification-v2 §7) for providers that settle remotely:
/// <c>POST /v1/x402/verify</c>, <c>POST /v1/x402/settle</c> (body <c>{x402Version, paymentPayload, paymentRequirements}</c>)
/// and <c>GET /v1/x402/supported</c>. Verify and settle answer 200 with <c>isValid</c>/<c>success</c> false and a reason
/// for a refused payment and for a malformed or v1 body (<c>invalid_payload</c>, <c>invalid_x402_version</c>, the
/// decoder's code in <c>extensions.fontana.ledgerCode</c>), so x402 clients read a reason instead of throwing;
/// 413 problem+json for a body over the limit, 503 when the ledger is not available.
/// </summary>
public static class X402FacilitatorEndpointRouteBuilderExtensions
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    public const int MaxBodyBytes = X402Json.DefaultMaxBytes;

    private const string JsonContentType = "application/json";

    /// <summary>Maps the facilitator endpoints under <c>/v1/x402</c>. Needs the node (<c>AddFontanaNode</c>) or an <see cref="ILedger"/> singleton in the container.</summary>
    public static IEndpointRouteBuilder MapX402Facilitator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var facilitator = new X402Facilitator(endpoints.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        var group = endpoints.MapGroup("/v1/x402").WithTags("x402 facilitator");
        group.MapPost("/verify", context => VerifyAsync(context, facilitator));
        group.MapPost("/settle", context => SettleAsync(context, facilitator));
        group.MapGet("/supported", SupportedAsync);
        return endpoints;
    }

    private static async Task VerifyAsync(HttpContext context, X402Facilitator facilitator)
    {
        var request = await ReadRequestAsync(context, settle: false).ConfigureAwait(false);
        if (request is null || await ResolveLedgerAsync(context).ConfigureAwait(false) is not { } ledger)
        {
            return;
        }

        var response = await facilitator.VerifyAsync(ledger, request, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, X402Json.SerializeToUtf8Bytes(response)).ConfigureAwait(false);
    }

    private static async Task SettleAsync(HttpContext context, X402Facilitator facilitator)
    {
        var request = await ReadRequestAsync(context, settle: true).ConfigureAwait(false);
        if (request is null || await ResolveLedgerAsync(context).ConfigureAwait(false) is not { } ledger)
        {
            return;
        }

        var (response, unavailable) = await facilitator.SettleAsync(ledger, request, context.RequestAborted).ConfigureAwait(false);
        var status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await WriteJsonAsync(context, status, X402Json.SerializeToUtf8Bytes(response)).ConfigureAwait(false);
    }

    private static async Task SupportedAsync(HttpContext context)
    {
        if (await ResolveLedgerAsync(context).ConfigureAwait(false) is { } ledger)
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, X402Json.SerializeToUtf8Bytes(X402Facilitator.Supported(ledger, $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"))).ConfigureAwait(false);
        }
    }

    /// <summary>The open ledger, or null after writing 503 (<c>not-ready</c> / <c>ledger-unavailable</c>).</summary>
    private static async Task<ILedger?> ResolveLedgerAsync(HttpContext context)
    {
        string code;
        string detail;
        try
        {
            var ledger = LedgerResolver.Resolve(context.RequestServices);
            if (!ledger.IsFaulted)
            {
                return ledger;
            }

            code = ErrorCodes.LedgerUnavailable;
            detail = "the ledger stopped after a store failure";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            code = ErrorCodes.NotReady;
            detail = "the ledger is not ready: " + ex.Message;
        }

        await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, code, detail).ConfigureAwait(false);
        return null;
    }

    /// <summary>The request body, or null after writing a v2-shaped refusal (malformed, v1) or 413.</summary>
    private static async Task<FacilitatorRequest?> ReadRequestAsync(HttpContext context, bool settle)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await WriteTooLargeAsync(context).ConfigureAwait(false);
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    await WriteTooLargeAsync(context).ConfigureAwait(false);
                    return null;
                }
            }

            try
            {
                return X402Json.Deserialize<FacilitatorRequest>(buffer.AsSpan(0, length));
            }
            catch (X402FormatException ex)
            {
                var wrongVersion = DeclaresAnotherVersion(buffer.AsSpan(0, length));
                await WriteMalformedAsync(context, settle, ex, wrongVersion, await NetworkOfAsync(context).ConfigureAwait(false)).ConfigureAwait(false);
                return null;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A malformed or v1 request answered as x402 v2 does: 200, <c>isValid</c>/<c>success</c> false, a reason.</summary>
    private static Task WriteMalformedAsync(HttpContext context, bool settle, X402FormatException ex, bool wrongVersion, string ledgerNetwork)
    {
        var reason = wrongVersion || ex.Code == X402FormatException.UnsupportedVersion ? X402ErrorReasons.InvalidX402Version
            : ex.Message.Contains("paymentRequirements", StringComparison.Ordinal) ? X402ErrorReasons.InvalidPaymentRequirements
            : X402ErrorReasons.InvalidPayload;
        var extensions = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, Dictionary<string, string>>
        {
            [FontanaExactReceipt.ExtensionKey] = new() { ["decodeError"] = ex.Code },
        });
        byte[] json = settle
            ? X402Json.SerializeToUtf8Bytes(new SettlementResponse
            {
                Success = false, ErrorReason = reason, ErrorMessage = ex.Message, Transaction = string.Empty, Network = ledgerNetwork, Extensions = extensions,
            })
            : X402Json.SerializeToUtf8Bytes(new VerifyResponse { IsValid = false, InvalidReason = reason, InvalidMessage = ex.Message, Extensions = extensions });
        return WriteJsonAsync(context, StatusCodes.Status200OK, json);
    }

    /// <summary>True when the body (or its payment payload) names an x402Version other than 2: a v1 client (never throws).</summary>
    private static bool DeclaresAnotherVersion(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(body);
            using var document = System.Text.Json.JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == System.Text.Json.JsonValueKind.Object
                && (IsOtherVersion(root) || (root.TryGetProperty("paymentPayload", out var payload) && IsOtherVersion(payload)));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        static bool IsOtherVersion(System.Text.Json.JsonElement element) =>
            element.ValueKind == System.Text.Json.JsonValueKind.Object
            && element.TryGetProperty("x402Version", out var version)
            && !(version.ValueKind == System.Text.Json.JsonValueKind.Number && version.TryGetInt32(out var v) && v == X402Protocol.Version);
    }

    /// <summary>This node's network for answers that cannot name the request's (<c>fontana:</c> and the chain id, when the ledger is open).</summary>
    private static Task<string> NetworkOfAsync(HttpContext context)
    {
        try
        {
            return Task.FromResult(FontanaExact.FormatNetwork(LedgerResolver.Resolve(context.RequestServices).ChainId));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(FontanaExact.NetworkNamespace + ":unknown");
        }
    }

    private static Task WriteTooLargeAsync(HttpContext context) => WriteProblemAsync(
        context, StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"the body is larger than {MaxBodyBytes} bytes");

    private static Task WriteJsonAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string code, string detail) =>
        FontanaProblems.WriteAsync(context, code, detail, status);
}
