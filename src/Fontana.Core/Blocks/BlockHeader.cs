using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.Blocks;

/// <summary>
/// A block header (immutable): the sequencer's signed commitment to a block's transactions (<see cref="TxRoot"/>)
/// and to the UTXO state after them (<see cref="StateRoot"/>). <see cref="Hash"/> = SHA-256 of the encoding
/// without the signature (docs/protocol.md §4).
/// </summary>
public sealed class BlockHeader
{
    /// <summary>The only header version this code writes and accepts: 1 (a decoder refuses others with <c>bad-version</c>).</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Domain tag at the start of the block signing message.</summary>
    public const string SignatureDomain = "fontana/block/v1";

    internal static ReadOnlySpan<byte> SignatureDomainBytes => "fontana/block/v1"u8;

    /// <summary>Creates a header; <c>signature</c> is 64 bytes, or empty for an unsigned header (64 zero bytes).</summary>
    /// <exception cref="ArgumentException">The chain id is invalid or the signature is not 64 bytes.</exception>
    public BlockHeader(
        byte version,
        string chainId,
        ulong height,
        Hash32 previousHash,
        ulong timestamp,
        uint txCount,
        Hash32 txRoot,
        Hash32 stateRoot,
        ReadOnlyMemory<byte> signature = default)
    {
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        if (signature.Length != 0 && signature.Length != BlockHeaderCodec.SignatureLength)
        {
            throw new ArgumentException($"signature must be {BlockHeaderCodec.SignatureLength} bytes (or empty when unsigned)", nameof(signature));
        }

        Version = version;
        ChainId = chainId;
        Height = height;
        PreviousHash = previousHash;
        Timestamp = timestamp;
        TxCount = txCount;
        TxRoot = txRoot;
        StateRoot = stateRoot;
        Signature = signature.IsEmpty ? new byte[BlockHeaderCodec.SignatureLength] : signature.ToArray();
        Hash = BlockHeaderCodec.ComputeHash(this);
    }

    private BlockHeader(BlockHeader unsigned, ReadOnlyMemory<byte> signature)
    {
        Version = unsigned.Version;
        ChainId = unsigned.ChainId;
        Height = unsigned.Height;
        PreviousHash = unsigned.PreviousHash;
        Timestamp = unsigned.Timestamp;
        TxCount = unsigned.TxCount;
        TxRoot = unsigned.TxRoot;
        StateRoot = unsigned.StateRoot;
        Signature = signature;
        Hash = unsigned.Hash;
    }

    /// <summary>The header format version (<see cref="CurrentVersion"/>).</summary>
    public byte Version { get; }

    /// <summary>The chain the block belongs to (1–32 printable ASCII characters); signed, so a header cannot be replayed on another chain.</summary>
    public string ChainId { get; }

    /// <summary>0 for the genesis block.</summary>
    public ulong Height { get; }

    /// <summary>Hash of the block at <c>Height − 1</c> (zero for genesis).</summary>
    public Hash32 PreviousHash { get; }

    /// <summary>When the block was sealed, in unix milliseconds.</summary>
    public ulong Timestamp { get; }

    /// <summary>Number of transactions in the block.</summary>
    public uint TxCount { get; }

    /// <summary>Binary Merkle root of the block's txids.</summary>
    public Hash32 TxRoot { get; }

    /// <summary>Sparse Merkle root of the UTXO set after the block.</summary>
    public Hash32 StateRoot { get; }

    /// <summary>The sequencer's 64-byte Ed25519 signature (zeros when unsigned).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The block hash: SHA-256 of the header encoding without the signature.</summary>
    public Hash32 Hash { get; }

    /// <summary>Returns this header signed by the sequencer.</summary>
    public BlockHeader Sign(PrivateKey sequencerKey)
    {
        ArgumentNullException.ThrowIfNull(sequencerKey);
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(message);
        return new BlockHeader(this, sequencerKey.Sign(message[..length]));
    }

    /// <summary>True when <see cref="Signature"/> is <paramref name="sequencerKey"/>'s signature of this header.</summary>
    public bool VerifySignature(PublicKey sequencerKey)
    {
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(message);
        return Ed25519.Verify(sequencerKey, message[..length], Signature.Span);
    }

    /// <summary>The bytes signed: ASCII "fontana/block/v1" ‖ u8 len(chainId) ‖ chainId ‖ block hash.</summary>
    public byte[] GetSigningMessage()
    {
        Span<byte> message = stackalloc byte[SigningMessage.MaxLength];
        return message[..WriteSigningMessage(message)].ToArray();
    }

    /// <summary>For logs: height and hash.</summary>
    public override string ToString() => $"block {Height} {Hash}";

    private int WriteSigningMessage(Span<byte> destination)
    {
        var length = SigningMessage.WritePrefix(SignatureDomainBytes, ChainId, destination);
        Hash.CopyTo(destination[length..]);
        return length + Hash32.Length;
    }
}
