using System.Diagnostics.CodeAnalysis;
using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>
/// What a permission or budget applies to: a provider by the address it is paid at (<c>payto:fnt1…</c>), a provider by
/// the origin of its API (<c>origin:https://api.example.com</c>), or a paying app, i.e. a named client
/// (<c>app:weather-agent</c>). Text form <c>kind:key</c>; origins are normalized to <c>scheme://host[:port]</c>, lower case.
/// </summary>
/// <param name="Kind">What <paramref name="Key"/> names.</param>
/// <param name="Key">The address, origin or app name.</param>
public readonly record struct PermissionScope(PermissionScopeKind Kind, string Key)
{
    /// <summary>The scope of a provider paid at <paramref name="payTo"/>.</summary>
    public static PermissionScope ForPayTo(Address payTo) => new(PermissionScopeKind.PayTo, payTo.ToString());

    /// <summary>The scope of the API at <paramref name="url"/>'s origin.</summary>
    public static PermissionScope ForOrigin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(PermissionScopeKind.Origin, url.GetLeftPart(UriPartial.Authority).ToLowerInvariant());
    }

    /// <summary>The scope of the app (named client) <paramref name="name"/>.</summary>
    public static PermissionScope ForApp(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(PermissionScopeKind.App, name.Trim());
    }

    /// <summary>Parses <c>payto:ADDR</c>, <c>origin:URL</c> or <c>app:NAME</c>; a bare <c>fnt1…</c> address or
    /// <c>http(s)://</c> URL is accepted as the payto or origin scope.</summary>
    public static bool TryParse(string? text, out PermissionScope scope, [NotNullWhen(false)] out string? error)
    {
        scope = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the scope is empty; expected payto:ADDRESS, origin:URL or app:NAME";
            return false;
        }

        text = text.Trim();
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            text = "origin:" + text;
        }
        else if (text.StartsWith("fnt1", StringComparison.Ordinal))
        {
            text = "payto:" + text;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? string.Empty : text[..colon].ToLowerInvariant();
        var key = colon < 0 ? string.Empty : text[(colon + 1)..];
        switch (kind)
        {
            case "payto" when Address.TryParse(key, out var address, out _):
                scope = ForPayTo(address);
                return true;
            case "payto":
                error = $"\"{key}\" is not a Fontana address (fnt1…)";
                return false;
            case "origin" when Uri.TryCreate(key, UriKind.Absolute, out var url) && url.Scheme is "http" or "https":
                scope = ForOrigin(url);
                return true;
            case "origin":
                error = $"\"{key}\" is not an absolute http(s) URL";
                return false;
            case "app" when !string.IsNullOrWhiteSpace(key):
                scope = ForApp(key);
                return true;
            default:
                error = $"\"{text}\" is not a scope; expected payto:ADDRESS, origin:URL or app:NAME";
                return false;
        }
    }

    /// <summary>Parses like <see cref="TryParse"/>.</summary>
    /// <exception cref="FormatException">Not a scope.</exception>
    public static PermissionScope Parse(string text) => TryParse(text, out var scope, out var error) ? scope : throw new FormatException(error);

    /// <summary><c>kind:key</c>.</summary>
    public override string ToString() => Kind switch
    {
        PermissionScopeKind.PayTo => "payto:" + Key,
        PermissionScopeKind.Origin => "origin:" + Key,
        _ => "app:" + Key,
    };
}
