using System.Text.Json;
using Fontana.Core.X402;

namespace Fontana.Sdk.Payments;

/// <summary>
/// Which of a 402's <c>extensions</c> a payment carries back. The SDK uses none of them itself: it sets no
/// <c>payment-identifier</c> id, so echoing that extension's advertisement (its JSON schema, ≈ 440 base64 characters of
/// every <c>PAYMENT-SIGNATURE</c>) would tell the provider nothing. Anything else a provider advertises is echoed
/// unchanged, as before.
/// </summary>
internal static class EchoedExtensions
{
    /// <summary><paramref name="advertised"/> when it holds an extension other than <c>payment-identifier</c>, else null.</summary>
    public static JsonElement? For(JsonElement? advertised)
    {
        if (advertised is not { ValueKind: JsonValueKind.Object } extensions)
        {
            return null;
        }

        foreach (var extension in extensions.EnumerateObject())
        {
            if (!extension.NameEquals(PaymentIdentifier.ExtensionKey))
            {
                return advertised;
            }
        }

        return null;
    }
}
