using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Transactions;

namespace Fontana.Core.X402;

/// <summary>
/// The outcome of <see cref="FontanaExactVerifier.Verify(FontanaExactExpectation, PaymentPayload)"/>: valid (with the decoded transaction, the challenge,
/// its hash and the payer), or an <see cref="ErrorReason"/> (an <see cref="X402ErrorReasons"/> value or a ledger
/// rejection code) with a human-readable <see cref="Detail"/>.
/// </summary>
public sealed class FontanaExactVerification
{
    private FontanaExactVerification(
        string? errorReason, string? detail, Transaction? transaction, FontanaChallenge? challenge, Hash32 challengeHash,
        ReadOnlyMemory<byte> transactionBytes = default)
    {
        TransactionBytes = transactionBytes;
        ErrorReason = errorReason;
        Detail = detail;
        Transaction = transaction;
        Challenge = challenge;
        ChallengeHash = challengeHash;
    }

    /// <summary>True when every check passed; <see cref="Transaction"/> and <see cref="Challenge"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Transaction), nameof(Challenge))]
    [MemberNotNullWhen(false, nameof(ErrorReason), nameof(Detail))]
    public bool IsValid => ErrorReason is null;

    /// <summary>
    /// True when the payment is malformed rather than wrong (bad version, payload shape, undecodable transaction):
    /// HTTP answers 400 instead of 402.
    /// </summary>
    public bool IsMalformed => ErrorReason is X402ErrorReasons.InvalidPayload
        or X402ErrorReasons.InvalidExactFontanaPayload
        or X402ErrorReasons.InvalidX402Version;

    /// <summary>Stable reason code; null when valid.</summary>
    public string? ErrorReason { get; }

    /// <summary>What exactly was wrong, for people (not stable; match on <see cref="ErrorReason"/>).</summary>
    public string? Detail { get; }

    /// <summary>The decoded payment transaction (set when valid, and for most rejections after decoding).</summary>
    public Transaction? Transaction { get; }

    /// <summary>The challenge the payment answers (set when valid, and for rejections after the payload parsed).</summary>
    public FontanaChallenge? Challenge { get; }

    /// <summary>SHA-256 of the challenge's canonical encoding (the memo); <see cref="Hash32.Zero"/> before it was computed.</summary>
    public Hash32 ChallengeHash { get; }

    /// <summary>The transaction's canonical bytes as received (set when valid).</summary>
    public ReadOnlyMemory<byte> TransactionBytes { get; }

    /// <summary>The payer's address (the transaction signer), when the transaction decoded.</summary>
    public Address? Payer => Transaction is null ? null : new Address(Transaction.Signer);

    /// <summary>A valid payment: its decoded transaction, the challenge it answers and that challenge's hash.</summary>
    public static FontanaExactVerification Valid(
        Transaction transaction, FontanaChallenge challenge, Hash32 challengeHash, ReadOnlyMemory<byte> transactionBytes) =>
        new(null, null, transaction, challenge, challengeHash, transactionBytes);

    /// <summary>A refused payment: the reason (an <see cref="X402ErrorReasons"/> value or a ledger code) and a detail.</summary>
    public static FontanaExactVerification Invalid(
        string reason, string detail, Transaction? transaction = null, FontanaChallenge? challenge = null, Hash32 challengeHash = default) =>
        new(reason, detail, transaction, challenge, challengeHash);

    /// <summary>For logs: <c>valid &lt;txid&gt;</c>, or the reason and detail.</summary>
    public override string ToString() => IsValid ? $"valid {Transaction.TxId}" : $"{ErrorReason}: {Detail}";
}
