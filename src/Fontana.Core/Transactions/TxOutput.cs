using Fontana.Core.Encoding;

namespace Fontana.Core.Transactions;

/// <summary>A transaction output: an amount paid to an address.</summary>
public readonly record struct TxOutput(Address Address, Amount Amount)
{
    /// <summary>Encoded size: the 32-byte public key of the address, then the amount as a big-endian u64 of utia.</summary>
    public const int EncodedLength = 40;

    /// <summary>Writes the 40-byte encoding.</summary>
    public void WriteTo(Span<byte> destination)
    {
        var writer = new ByteWriter(destination[..EncodedLength]);
        writer.WritePublicKey(Address.PublicKey);
        writer.WriteU64(Amount.Utia);
    }

    /// <summary>SHA-256 of the 40-byte encoding: the output's value in the state tree.</summary>
    public Hash32 StateValue()
    {
        Span<byte> buffer = stackalloc byte[EncodedLength];
        WriteTo(buffer);
        return Hash32.Compute(buffer);
    }

    /// <summary>For logs: <c>amount -&gt; address</c>.</summary>
    public override string ToString() => $"{Amount} -> {Address}";
}
