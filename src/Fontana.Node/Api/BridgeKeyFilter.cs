using System.Security.Cryptography;
using System.Text;
using Fontana.Core.Errors;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Api;

/// <summary>
/// Guards the bridge endpoints: 403 <c>bridge-disabled</c> when no key is configured (never open without one),
/// 401 <c>unauthorized</c> when the request's key header is missing or wrong (constant-time comparison).
/// </summary>
internal sealed class BridgeKeyFilter(IOptions<FontanaNodeOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var bridge = options.Value.Bridge;
        if (string.IsNullOrEmpty(bridge.ApiKey))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Create(StatusCodes.Status403Forbidden, ErrorCodes.BridgeDisabled,
                "the bridge endpoints are disabled: no Fontana:Bridge:ApiKey is configured"));
        }

        var presented = context.HttpContext.Request.Headers[bridge.HeaderName].ToString();
        if (!KeysMatch(presented, bridge.ApiKey))
        {
            return ValueTask.FromResult<object?>(ApiProblems.Create(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                $"missing or wrong {bridge.HeaderName} header"));
        }

        return next(context);
    }

    private static bool KeysMatch(string presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b) && presented.Length > 0;
    }
}
