using System.Text;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.Transactions;

/// <summary>
/// Builds and signs a <see cref="Transaction"/>:
/// <c>new TransactionBuilder().WithChainId("fontana-devnet").AddInput(op).AddOutput(to, amount).WithFee(fee).Sign(key)</c>.
/// Protocol limits (input/output counts, memo, external reference, encoded size) are checked as soon as they are
/// exceeded, so anything this builder signs encodes canonically; the kind rules are the validator's job.
/// </summary>
public sealed class TransactionBuilder
{
    private readonly List<OutPoint> _inputs = [];
    private readonly List<TxOutput> _outputs = [];
    private string? _chainId;
    private TransactionKind _kind = TransactionKind.Transfer;
    private Amount _fee;
    private byte[] _memo = [];
    private ulong _expiry;
    private string _externalRef = string.Empty;
    private byte[] _sessionData = [];

    /// <summary>An empty transfer; call <see cref="WithChainId"/> before signing.</summary>
    public TransactionBuilder()
    {
    }

    /// <summary>A transaction of <paramref name="kind"/> on <paramref name="chainId"/>; throws <see cref="ArgumentException"/> for an invalid chain id.</summary>
    public TransactionBuilder(string chainId, TransactionKind kind = TransactionKind.Transfer)
    {
        WithChainId(chainId);
        WithKind(kind);
    }

    /// <summary>Sets the chain id (1–32 printable ASCII characters); throws <see cref="ArgumentException"/> otherwise.</summary>
    public TransactionBuilder WithChainId(string chainId)
    {
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        _chainId = chainId;
        return this;
    }

    /// <summary>The kind (default <see cref="TransactionKind.Transfer"/>).</summary>
    public TransactionBuilder WithKind(TransactionKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transaction kind");
        }

        _kind = kind;
        return this;
    }

    /// <summary>Spends <paramref name="outPoint"/>, which must belong to the signing key; throws <see cref="InvalidOperationException"/> past 256 inputs.</summary>
    public TransactionBuilder AddInput(OutPoint outPoint)
    {
        if (_inputs.Count >= TransactionCodec.MaxInputs)
        {
            throw new InvalidOperationException($"a transaction has at most {TransactionCodec.MaxInputs} inputs");
        }

        _inputs.Add(outPoint);
        return this;
    }

    /// <summary>Spends output <paramref name="index"/> of transaction <paramref name="txId"/>; throws <see cref="InvalidOperationException"/> past 256 inputs.</summary>
    public TransactionBuilder AddInput(Hash32 txId, ushort index) => AddInput(new OutPoint(txId, index));

    /// <summary>Pays <paramref name="output"/>; throws <see cref="InvalidOperationException"/> past 256 outputs.</summary>
    public TransactionBuilder AddOutput(TxOutput output)
    {
        if (_outputs.Count >= TransactionCodec.MaxOutputs)
        {
            throw new InvalidOperationException($"a transaction has at most {TransactionCodec.MaxOutputs} outputs");
        }

        _outputs.Add(output);
        return this;
    }

    /// <summary>Pays <paramref name="amount"/> (must be non-zero for the validator) to <paramref name="address"/>; throws <see cref="InvalidOperationException"/> past 256 outputs.</summary>
    public TransactionBuilder AddOutput(Address address, Amount amount) => AddOutput(new TxOutput(address, amount));

    /// <summary>Sets the fee paid to the chain, in utia (at least the chain minimum, see <c>/v1/info</c>); zero by default.</summary>
    public TransactionBuilder WithFee(Amount fee)
    {
        _fee = fee;
        return this;
    }

    /// <summary>Up to <see cref="TransactionCodec.MaxMemoLength"/> bytes (copied).</summary>
    public TransactionBuilder WithMemo(ReadOnlySpan<byte> memo)
    {
        if (memo.Length > TransactionCodec.MaxMemoLength)
        {
            throw new ArgumentException($"memo is {memo.Length} bytes; the limit is {TransactionCodec.MaxMemoLength}", nameof(memo));
        }

        _memo = memo.ToArray();
        return this;
    }

    /// <summary>A 32-byte memo: the SHA-256 of a payment challenge, or the withdrawal txid of a confirmation.</summary>
    public TransactionBuilder WithMemo(Hash32 memo)
    {
        _memo = memo.ToArray();
        return this;
    }

    /// <summary>Unix seconds after which the transaction is invalid (0 = never).</summary>
    public TransactionBuilder WithExpiry(ulong unixSeconds)
    {
        _expiry = unixSeconds;
        return this;
    }

    /// <summary>The L1 reference, up to <see cref="TransactionCodec.MaxExternalRefLength"/> UTF-8 bytes.</summary>
    public TransactionBuilder WithExternalRef(string externalRef)
    {
        ArgumentNullException.ThrowIfNull(externalRef);
        int bytes;
        try
        {
            bytes = new UTF8Encoding(false, true).GetByteCount(externalRef);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("external reference is not valid Unicode text", nameof(externalRef), ex);
        }

        if (bytes > TransactionCodec.MaxExternalRefLength)
        {
            throw new ArgumentException(
                $"external reference is {bytes} UTF-8 bytes; the limit is {TransactionCodec.MaxExternalRefLength}", nameof(externalRef));
        }

        _externalRef = externalRef;
        return this;
    }

    /// <summary>The raw session section (its length must match the kind when signing; see <see cref="Sessions.SessionSection"/>).</summary>
    public TransactionBuilder WithSessionData(ReadOnlySpan<byte> sessionData)
    {
        _sessionData = sessionData.ToArray();
        return this;
    }

    /// <summary>Makes this a <see cref="TransactionKind.SessionOpen"/> with <paramref name="terms"/>.</summary>
    public TransactionBuilder WithSessionOpen(Sessions.SessionOpenTerms terms) => WithKind(TransactionKind.SessionOpen).WithSessionData(terms.ToArray());

    /// <summary>Makes this a <see cref="TransactionKind.SessionTopUp"/> with <paramref name="terms"/>.</summary>
    public TransactionBuilder WithSessionTopUp(Sessions.SessionTopUpTerms terms) => WithKind(TransactionKind.SessionTopUp).WithSessionData(terms.ToArray());

    /// <summary>Makes this a <see cref="TransactionKind.SessionClaim"/> of <paramref name="voucher"/>.</summary>
    public TransactionBuilder WithSessionClaim(Sessions.SignedVoucher voucher)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return WithKind(TransactionKind.SessionClaim).WithSessionData(voucher.ToArray());
    }

    /// <summary>Makes this a <see cref="TransactionKind.SessionClose"/> of session <paramref name="sessionId"/>, settling
    /// <paramref name="finalVoucher"/> (or only what was claimed, when null).</summary>
    public TransactionBuilder WithSessionClose(Hash32 sessionId, Sessions.SignedVoucher? finalVoucher)
    {
        var section = new byte[Sessions.SessionSection.CloseLength];
        sessionId.CopyTo(section);
        (finalVoucher ?? Sessions.SignedVoucher.None).WriteTo(section.AsSpan(Hash32.Length));
        return WithKind(TransactionKind.SessionClose).WithSessionData(section);
    }

    /// <summary>Makes this a <see cref="TransactionKind.SessionReclaim"/> of session <paramref name="sessionId"/>.</summary>
    public TransactionBuilder WithSessionReclaim(Hash32 sessionId) => WithKind(TransactionKind.SessionReclaim).WithSessionData(sessionId.ToArray());

    /// <summary>Signs with <paramref name="key"/>, which becomes the transaction's signer.</summary>
    /// <exception cref="InvalidOperationException">No chain id was set, or the encoding would exceed
    /// <see cref="TransactionCodec.MaxEncodedLength"/>.</exception>
    public Transaction Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_chainId is null)
        {
            throw new InvalidOperationException("set the chain id (WithChainId) before signing");
        }

        var unsigned = new Transaction(
            Transaction.CurrentVersion, _chainId, _kind, _inputs, _outputs, _fee, _memo, _expiry, _externalRef, key.PublicKey, default, _sessionData);
        var length = TransactionCodec.GetEncodedLength(unsigned);
        if (length > TransactionCodec.MaxEncodedLength)
        {
            throw new InvalidOperationException(
                $"the transaction would encode to {length} bytes; the limit is {TransactionCodec.MaxEncodedLength}");
        }

        return unsigned.Sign(key);
    }
}
