using Fontana.Core.Crypto;

namespace Fontana.Core.Sessions;

/// <summary>
/// A voucher with its 64-byte Ed25519 signature by the session key: the session section of
/// <see cref="Transactions.TransactionKind.SessionClaim"/> and <see cref="Transactions.TransactionKind.SessionClose"/>
/// (112 bytes: voucher ‖ signature). A close without a final voucher carries 112 zero bytes (<see cref="None"/>).
/// </summary>
public sealed class SignedVoucher
{
    /// <summary>Encoded size in bytes.</summary>
    public const int EncodedLength = Voucher.EncodedLength + Ed25519.SignatureLength;

    private readonly byte[] _signature;

    /// <summary>Pairs a voucher with its signature (copied; must be 64 bytes).</summary>
    public SignedVoucher(Voucher voucher, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Ed25519.SignatureLength)
        {
            throw new ArgumentException($"a voucher signature is {Ed25519.SignatureLength} bytes, not {signature.Length}", nameof(signature));
        }

        Voucher = voucher;
        _signature = signature.ToArray();
    }

    /// <summary>The all-zero section of a close that settles at what was already claimed.</summary>
    public static SignedVoucher None { get; } = new(default, new byte[Ed25519.SignatureLength]);

    /// <summary>The voucher.</summary>
    public Voucher Voucher { get; }

    /// <summary>The session key's signature.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>True for <see cref="None"/>'s shape (all-zero voucher).</summary>
    public bool IsNone => Voucher.IsNone;

    /// <summary>True when the signature verifies for <paramref name="sessionKey"/> on <paramref name="chainId"/>.</summary>
    public bool Verify(PublicKey sessionKey, string chainId) => Voucher.Verify(sessionKey, chainId, _signature);

    /// <summary>Writes the 112-byte encoding.</summary>
    public void WriteTo(Span<byte> destination)
    {
        Voucher.WriteTo(destination);
        _signature.CopyTo(destination[Voucher.EncodedLength..]);
    }

    /// <summary>Reads the 112-byte encoding (the caller checked the length).</summary>
    public static SignedVoucher Read(ReadOnlySpan<byte> source) =>
        new(Voucher.Read(source), source.Slice(Voucher.EncodedLength, Ed25519.SignatureLength));

    /// <summary>The 112-byte encoding.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }
}
