using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core;

/// <summary>
/// Where a sealed block was posted on a data-availability layer (docs/data-availability.md).
/// <para><see cref="Layer"/>: <c>"local"</c> or <c>"celestia"</c>. <see cref="Height"/>: the DA height of the block's
/// first chunk (the Celestia block height, or the local record sequence number). <see cref="Namespace"/>: the
/// Celestia namespace id as 20 lowercase hex characters (10 bytes, version 0), null for the local layer.
/// <see cref="Commitments"/>: one entry per chunk, in chunk order: the base64 share commitment (Celestia) or the
/// base64 SHA-256 of the block (local); an entry posted at another DA height than <see cref="Height"/> is written
/// <c>"&lt;height&gt;@&lt;base64&gt;"</c>.</para>
/// <para>Compact text form (also its JSON form, a string): <c>layer:height:namespace:commitment,commitment…</c>,
/// e.g. <c>celestia:812345:00000000000000f0a7a1:6Hk1…=,812346@Qm9v…=</c> or <c>local:17::n4bQ…=</c>.</para>
/// </summary>
[JsonConverter(typeof(DaReferenceJsonConverter))]
public sealed class DaReference : IEquatable<DaReference>
{
    /// <see cref="Layer"/> of a block kept by the node's own local DA (the devnet's; no Celestia).
    public const string LocalLayer = "local";
    /// <see cref="Layer"/> of a block posted to Celestia as blobs.
    public const string CelestiaLayer = "celestia";

    /// <summary>A reference to a block posted on <paramref name="layer"/> (see the type's remarks for each part).</summary>
    /// <exception cref="ArgumentException">The layer is empty or holds other than letters and digits, the namespace holds other than letters
    /// and digits, or a commitment is not base64 (optionally prefixed <c>"&lt;height&gt;@"</c>).</exception>
    public DaReference(string layer, ulong height, string? @namespace, IReadOnlyList<string> commitments)
    {
        ArgumentException.ThrowIfNullOrEmpty(layer);
        ArgumentNullException.ThrowIfNull(commitments);
        if (!IsToken(layer) || (@namespace is not null && @namespace.Length > 0 && !IsToken(@namespace)))
        {
            throw new ArgumentException("layer and namespace may hold only letters and digits");
        }

        foreach (var c in commitments)
        {
            if (!IsCommitment(c))
            {
                throw new ArgumentException($"\"{c}\" is not a commitment (base64, optionally prefixed \"<height>@\")", nameof(commitments));
            }
        }

        Layer = layer;
        Height = height;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        Commitments = [.. commitments];
    }

    /// <see cref="LocalLayer"/> or <see cref="CelestiaLayer"/>.
    public string Layer { get; }

    /// <summary>The DA height of the first chunk: the Celestia block height, or the local record sequence number.</summary>
    public ulong Height { get; }

    /// <summary>The Celestia namespace id, 20 lowercase hex characters (10 bytes, version 0); null for the local layer.</summary>
    public string? Namespace { get; }

    /// <summary>One entry per chunk, in chunk order: a base64 share commitment (Celestia) or base64 SHA-256 (local), prefixed <c>"&lt;height&gt;@"</c> when posted at another height than <see cref="Height"/>.</summary>
    public IReadOnlyList<string> Commitments { get; }

    /// <summary>The DA height of chunk <paramref name="index"/> and its bare base64 commitment.</summary>
    public (ulong Height, string Commitment) GetChunk(int index)
    {
        var entry = Commitments[index];
        var at = entry.IndexOf('@', StringComparison.Ordinal);
        return at < 0
            ? (Height, entry)
            : (ulong.Parse(entry.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture), entry[(at + 1)..]);
    }

    /// <summary>The compact text form <c>layer:height:namespace:commitment,commitment…</c> (also the JSON form).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Layer).Append(':').Append(Height.ToString(CultureInfo.InvariantCulture)).Append(':')
            .Append(Namespace).Append(':');
        for (var i = 0; i < Commitments.Count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append(Commitments[i]);
        }

        return sb.ToString();
    }

    /// <summary>Parses the compact text form; throws <see cref="FormatException"/> whose message says which part is wrong.</summary>
    public static DaReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <summary>Parses the compact text form <c>layer:height:namespace:commitment,…</c>; on failure <paramref name="error"/> says which part is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DaReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        var parts = (text ?? "").Split(':');
        if (parts.Length != 4 || parts[0].Length == 0 || !IsToken(parts[0]) || (parts[2].Length > 0 && !IsToken(parts[2])))
        {
            error = $"DA reference \"{text}\" is not \"layer:height:namespace:commitments\"";
            return false;
        }

        if (parts[1].Length == 0 || parts[1].AsSpan().ContainsAnyExceptInRange('0', '9')
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            error = $"DA reference \"{text}\" has a height that is not a number";
            return false;
        }

        var commitments = parts[3].Length == 0 ? [] : parts[3].Split(',');
        foreach (var c in commitments)
        {
            if (!IsCommitment(c))
            {
                error = $"DA reference \"{text}\" has a commitment \"{c}\" that is not base64";
                return false;
            }
        }

        reference = new DaReference(parts[0], height, parts[2], commitments);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(DaReference? other) =>
        other is not null && Layer == other.Layer && Height == other.Height && Namespace == other.Namespace
        && Commitments.SequenceEqual(other.Commitments, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DaReference);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Layer, Height, Namespace, Commitments.Count);

    /// <summary>True when both name the same layer, height, namespace and commitments.</summary>
    public static bool operator ==(DaReference? left, DaReference? right) => left is null ? right is null : left.Equals(right);

    /// <summary>True when both name the same layer, height, namespace and commitments.</summary>
    public static bool operator !=(DaReference? left, DaReference? right) => !(left == right);

    private static bool IsToken(string s) => s.Length <= 64 && !s.AsSpan().ContainsAnyExcept(TokenChars);

    private static bool IsCommitment(string? entry)
    {
        if (string.IsNullOrEmpty(entry))
        {
            return false;
        }

        var at = entry.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && (at == 0 || entry.AsSpan(0, at).ContainsAnyExceptInRange('0', '9')
            || !ulong.TryParse(entry.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        var b64 = entry.AsSpan(at + 1);
        return b64.Length > 0 && b64.Length % 4 == 0 && !b64.ContainsAnyExcept(Base64Chars);
    }

    private static readonly System.Buffers.SearchValues<char> TokenChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly System.Buffers.SearchValues<char> Base64Chars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=");

    /// <summary>JSON: the compact text form as a string.</summary>
    internal sealed class DaReferenceJsonConverter : JsonConverter<DaReference>
    {
        public override DaReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("a DA reference is a JSON string \"layer:height:namespace:commitments\"");
            }

            return TryParse(reader.GetString(), out var reference, out var error) ? reference : throw new JsonException(error);
        }

        public override void Write(Utf8JsonWriter writer, DaReference value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
