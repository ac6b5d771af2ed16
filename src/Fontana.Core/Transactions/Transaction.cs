using System.Collections.ObjectModel;
using System.Text;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Sessions;

namespace Fontana.Core.Transactions;

/// <summary>
/// A signed Fontana transaction (immutable). Build one with <see cref="TransactionBuilder"/>, read one with
/// <see cref="TransactionCodec.Decode"/>, check it with <c>TransactionValidator.Validate</c>.
/// </summary>
/// <remarks>
/// The constructor only enforces what the wire format can physically hold (a valid chain id, ≤ 65,535 inputs and
/// outputs, memo and external reference ≤ 255 bytes, a 64-byte signature). The protocol limits
/// (<see cref="TransactionCodec.MaxInputs"/> …) are enforced by the decoder, the builder and the validator, so a
/// deliberately invalid transaction can still be built and signed to exercise them.
/// When <see cref="Fee"/> is non-zero the ledger creates the fee output (to the chain's fee address) at output
/// index <c>Outputs.Count</c>.
/// </remarks>
public sealed class Transaction
{
    /// <summary>The only transaction version this code reads and writes.</summary>
    public const byte CurrentVersion = 1;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly OutPoint[] _inputs;
    private readonly TxOutput[] _outputs;
    private ReadOnlyCollection<OutPoint>? _inputsView;
    private ReadOnlyCollection<TxOutput>? _outputsView;
    private bool _signatureVerified;

    /// <summary>
    /// Creates a transaction from its fields, copying the collections and buffers. <c>signature</c> is 64 bytes, or
    /// empty for an unsigned transaction (64 zero bytes; sign it with <see cref="Sign"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A field cannot be encoded at all (see remarks).</exception>
    public Transaction(
        byte version,
        string chainId,
        TransactionKind kind,
        IReadOnlyList<OutPoint> inputs,
        IReadOnlyList<TxOutput> outputs,
        Amount fee,
        ReadOnlyMemory<byte> memo,
        ulong expiry,
        string externalRef,
        PublicKey signer,
        ReadOnlyMemory<byte> signature,
        ReadOnlyMemory<byte> sessionData = default)
    {
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(externalRef);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transaction kind");
        }

        if (inputs.Count > ushort.MaxValue || outputs.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"a transaction holds at most {ushort.MaxValue} inputs and outputs on the wire");
        }

        if (memo.Length > byte.MaxValue)
        {
            throw new ArgumentException($"memo is {memo.Length} bytes; the wire format holds at most {byte.MaxValue}", nameof(memo));
        }

        int externalRefBytes;
        try
        {
            externalRefBytes = StrictUtf8.GetByteCount(externalRef);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("external reference is not valid Unicode text", nameof(externalRef), ex);
        }

        if (externalRefBytes > byte.MaxValue)
        {
            throw new ArgumentException(
                $"external reference is {externalRefBytes} UTF-8 bytes; the wire format holds at most {byte.MaxValue}", nameof(externalRef));
        }

        if (signature.Length != 0 && signature.Length != TransactionCodec.SignatureLength)
        {
            throw new ArgumentException($"signature must be {TransactionCodec.SignatureLength} bytes (or empty when unsigned)", nameof(signature));
        }

        var sectionLength = SessionSection.LengthOf(kind);
        if (sessionData.Length != sectionLength)
        {
            throw new ArgumentException($"a {kind} transaction has a {sectionLength}-byte session section, not {sessionData.Length} bytes", nameof(sessionData));
        }

        Version = version;
        ChainId = chainId;
        Kind = kind;
        SessionData = sessionData.ToArray();
        _inputs = inputs.Count == 0 ? [] : [.. inputs];
        _outputs = outputs.Count == 0 ? [] : [.. outputs];
        Fee = fee;
        Memo = memo.ToArray();
        Expiry = expiry;
        ExternalRef = externalRef;
        ExternalRefByteCount = externalRefBytes;
        Signer = signer;
        Signature = signature.IsEmpty ? new byte[TransactionCodec.SignatureLength] : signature.ToArray();
        TxId = TransactionCodec.ComputeTxId(this);
    }

    /// <summary>Trusted constructor for the decoder and <see cref="Sign"/>: takes ownership of the arrays, no checks, txid given.</summary>
    internal Transaction(
        byte version,
        string chainId,
        TransactionKind kind,
        OutPoint[] inputs,
        TxOutput[] outputs,
        Amount fee,
        ReadOnlyMemory<byte> memo,
        ulong expiry,
        string externalRef,
        int externalRefByteCount,
        PublicKey signer,
        ReadOnlyMemory<byte> signature,
        ReadOnlyMemory<byte> sessionData,
        Hash32 txId)
    {
        SessionData = sessionData;
        Version = version;
        ChainId = chainId;
        Kind = kind;
        _inputs = inputs;
        _outputs = outputs;
        Fee = fee;
        Memo = memo;
        Expiry = expiry;
        ExternalRef = externalRef;
        ExternalRefByteCount = externalRefByteCount;
        Signer = signer;
        Signature = signature;
        TxId = txId;
    }

    /// <summary>Encoding version; <see cref="CurrentVersion"/> is the only valid one.</summary>
    public byte Version { get; }

    /// <summary>The chain this transaction is for (1–32 characters from <c>[a-z0-9-]</c>).</summary>
    public string ChainId { get; }

    /// <summary>What the transaction does (transfer, withdrawal, deposit, session operations…); decides which rules of docs/protocol.md §8 apply.</summary>
    public TransactionKind Kind { get; }

    /// <summary>The outputs spent; all must belong to <see cref="Signer"/>.</summary>
    public IReadOnlyList<OutPoint> Inputs => _inputsView ??= Array.AsReadOnly(_inputs);

    /// <summary>The outputs created, at indexes 0..Count-1 (the fee output, if any, follows at index Count).</summary>
    public IReadOnlyList<TxOutput> Outputs => _outputsView ??= Array.AsReadOnly(_outputs);

    /// <summary>What the signer pays the chain, in utia; must be at least the chain minimum for the kinds that pay fees (<c>fee-too-low</c>).</summary>
    public Amount Fee { get; }

    /// <summary>Up to 64 bytes: a payment carries SHA-256 of the provider's challenge; a withdrawal confirmation the withdrawal txid.</summary>
    public ReadOnlyMemory<byte> Memo { get; }

    /// <summary>Unix seconds after which the transaction is invalid (0 = never expires).</summary>
    public ulong Expiry { get; }

    /// <summary>L1 reference (UTF-8, ≤ 128 bytes): deposit tx for Deposit, destination address for Withdrawal,
    /// payout tx for WithdrawalConfirmation; empty for Transfer.</summary>
    public string ExternalRef { get; }

    /// <summary>The session section of the session kinds (fixed length per kind, see <see cref="SessionSection"/>); empty for other kinds.</summary>
    public ReadOnlyMemory<byte> SessionData { get; }

    /// <summary>The key that signed; owner of every input (or the bridge authority for bridge-issued kinds).</summary>
    public PublicKey Signer { get; }

    /// <summary>The 64-byte Ed25519 signature over the signing message (see <see cref="GetSigningMessage"/>).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>SHA-256 of the unsigned body encoding; computed once.</summary>
    public Hash32 TxId { get; }

    internal ReadOnlySpan<OutPoint> InputSpan => _inputs;

    internal ReadOnlySpan<TxOutput> OutputSpan => _outputs;

    internal int ExternalRefByteCount { get; }

    /// <summary>Sum of the outputs plus the fee; false when it overflows a u64 of utia.</summary>
    public bool TryGetOutputTotal(out Amount total)
    {
        total = Fee;
        foreach (var output in _outputs)
        {
            if (!Amount.TryAdd(total, output.Amount, out total))
            {
                total = default;
                return false;
            }
        }

        return true;
    }

    /// <summary>The bytes signed: ASCII "fontana/tx/v1" ‖ u8 len(chainId) ‖ chainId ‖ txid.</summary>
    public byte[] GetSigningMessage()
    {
        Span<byte> buffer = stackalloc byte[SigningMessage.MaxLength];
        return buffer[..WriteSigningMessage(buffer)].ToArray();
    }

    /// <summary>True when <see cref="Signature"/> is <see cref="Signer"/>'s signature of this transaction on its chain.</summary>
    /// <remarks>
    /// A successful check is remembered by this instance (a transaction is immutable: the signer, chain id, txid and
    /// signature it signs over never change), so a provider that verified a payment and then hands the same object to
    /// an in-process ledger pays for one Ed25519 verification, not two. A failed check is never remembered.
    /// </remarks>
    public bool VerifySignature()
    {
        if (Volatile.Read(ref _signatureVerified))
        {
            return true;
        }

        Span<byte> buffer = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(buffer);
        if (!Ed25519.Verify(Signer, buffer[..length], Signature.Span))
        {
            return false;
        }

        Volatile.Write(ref _signatureVerified, true);
        return true;
    }

    /// <summary>Returns this transaction signed by <paramref name="key"/>, which must be the <see cref="Signer"/>'s key.</summary>
    public Transaction Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.PublicKey != Signer)
        {
            throw new ArgumentException($"the key {key.PublicKey} is not the transaction's signer {Signer}", nameof(key));
        }

        Span<byte> buffer = stackalloc byte[SigningMessage.MaxLength];
        var length = WriteSigningMessage(buffer);
        var signature = new byte[TransactionCodec.SignatureLength];
        key.Sign(buffer[..length], signature);
        return new Transaction(
            Version, ChainId, Kind, _inputs, _outputs, Fee, Memo, Expiry, ExternalRef, ExternalRefByteCount, Signer, signature, SessionData, TxId);
    }

    /// <summary>For logs: kind and txid.</summary>
    public override string ToString() => $"{Kind} {TxId}";

    internal int WriteSigningMessage(Span<byte> destination)
    {
        var length = SigningMessage.WritePrefix(TransactionCodec.SignatureDomainBytes, ChainId, destination);
        TxId.CopyTo(destination[length..]);
        return length + Hash32.Length;
    }
}
