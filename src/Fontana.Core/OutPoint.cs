using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fontana.Core;

/// <summary>A reference to a transaction output: the txid and the output's index. Text form <c>"&lt;txid hex&gt;:&lt;index&gt;"</c>.</summary>
/// <param name="TxId">The id (SHA-256 of the body) of the transaction that created the output.</param>
/// <param name="Index">The output's position among that transaction's outputs, from 0.</param>
public readonly record struct OutPoint(Hash32 TxId, ushort Index) : IComparable<OutPoint>
{
    /// <summary>Encoded size: 32-byte txid + 2-byte big-endian index.</summary>
    public const int EncodedLength = 34;

    /// <summary>The text form <c>"&lt;txid hex&gt;:&lt;index&gt;"</c>, e.g. <c>"c339…bdb:0"</c>.</summary>
    public override string ToString() => string.Concat(TxId.ToString(), ":", Index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Parses <c>"&lt;txid hex&gt;:&lt;index&gt;"</c>; throws <see cref="FormatException"/> whose message says which part is wrong.</summary>
    public static OutPoint Parse(string text) =>
        TryParse(text, out var outPoint, out var error) ? outPoint : throw new FormatException(error);

    /// <summary>Parses <c>"&lt;txid hex&gt;:&lt;index&gt;"</c> (index 0..65535); on failure <paramref name="error"/> says which part is wrong.</summary>
    public static bool TryParse(string? text, out OutPoint outPoint, [NotNullWhen(false)] out string? error)
    {
        outPoint = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "outpoint is empty; expected \"<txid>:<index>\"";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = $"outpoint \"{text}\" has no ':'; expected \"<txid>:<index>\"";
            return false;
        }

        if (!Hash32.TryParse(text.AsSpan(0, colon), out var txid))
        {
            error = $"outpoint \"{text}\" does not start with a 64-hex-character txid";
            return false;
        }

        var indexText = text.AsSpan(colon + 1);
        if (indexText.IsEmpty || indexText.ContainsAnyExceptInRange('0', '9')
            || !ushort.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            error = $"outpoint \"{text}\" has an index that is not a number from 0 to {ushort.MaxValue}";
            return false;
        }

        outPoint = new OutPoint(txid, index);
        error = null;
        return true;
    }

    /// <summary>Writes the 34-byte encoding (txid, then index big-endian).</summary>
    public void WriteTo(Span<byte> destination)
    {
        TxId.CopyTo(destination);
        BinaryPrimitives.WriteUInt16BigEndian(destination[Hash32.Length..], Index);
    }

    /// <summary>SHA-256 of the 34-byte encoding: the outpoint's key in the state tree.</summary>
    public Hash32 StateKey()
    {
        Span<byte> buffer = stackalloc byte[EncodedLength];
        WriteTo(buffer);
        return Hash32.Compute(buffer);
    }

    /// <summary>Orders by txid, then by index.</summary>
    public int CompareTo(OutPoint other)
    {
        var c = TxId.CompareTo(other.TxId);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}
