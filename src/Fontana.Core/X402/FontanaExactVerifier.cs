using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Core.X402;

/// <summary>
/// Stateless check of a Fontana <c>exact</c> payment against what the provider expects (no I/O, no ledger):
/// scheme, network, asset, amount and payTo of the offer; the challenge (issued by the provider's key, for this
/// resource and method, this price and address, signature valid, not expired); the transaction (decodes, is a
/// transfer on this chain, memo = SHA-256 of the challenge, exactly one output to payTo of exactly the price,
/// every stateless ledger rule and the signer's signature). Whether the inputs exist and are unspent is the
/// ledger's check at settlement.
/// </summary>
/// <remarks>
/// Cheap checks run before the two Ed25519 verifications, so most bad payments cost microseconds. A provider's own
/// verifier (constructed with its <see cref="FontanaChallengeMac"/>) replaces the challenge's verification by one HMAC
/// when the challenge carries the provider's MAC.
/// "Exactly one output to payTo of exactly the amount" is deliberate: overpayment is refused rather than kept,
/// and the payer's change must go to another address.
/// </remarks>
public sealed class FontanaExactVerifier
{
    private readonly TimeProvider _time;
    private readonly FontanaChallengeMac? _ownChallenges;

    /// <summary>A verifier that reads the current time (for challenge and transaction expiry) from <paramref name="timeProvider"/>.</summary>
    public FontanaExactVerifier(TimeProvider timeProvider)
        : this(timeProvider, null)
    {
    }

    /// <summary>
    /// A verifier for the provider that issues the challenges: a challenge carrying <paramref name="ownChallenges"/>' MAC
    /// (<see cref="FontanaChallengeMac"/>) is known to be this provider's, signature included, without verifying the
    /// Ed25519 signature; any other challenge has its signature verified as usual. Null verifies every signature.
    /// </summary>
    public FontanaExactVerifier(TimeProvider timeProvider, FontanaChallengeMac? ownChallenges)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _ownChallenges = ownChallenges;
    }

    /// <summary>Checks <paramref name="payment"/> against <paramref name="expected"/>. Never throws for a bad payment.</summary>
    public FontanaExactVerification Verify(FontanaExactExpectation expected, PaymentPayload payment)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.X402Version != X402Protocol.Version)
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.InvalidX402Version, $"x402Version is {payment.X402Version}; only {X402Protocol.Version} is supported");
        }

        if (payment.Accepted is not { } accepted)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.InvalidPayload, "accepted is required");
        }

        var offer = CheckOffer(expected, accepted);
        if (offer is not null)
        {
            return offer;
        }

        FontanaExactPayload fontana;
        FontanaChallenge challenge;
        try
        {
            fontana = FontanaExactPayload.FromPayload(payment.Payload);
            challenge = fontana.ChallengeIn(accepted);
        }
        catch (X402FormatException ex)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.InvalidExactFontanaPayload, ex.Message);
        }

        return Verify(expected, challenge, fontana.Transaction);
    }

    /// <summary>Checks an already-parsed Fontana payload (the offer fields of the envelope are not seen here). The payload
    /// must carry its challenge (<see cref="FontanaExactPayload.Challenge"/>); one that leaves it to <c>accepted.extra</c>
    /// is checked with <see cref="Verify(FontanaExactExpectation, PaymentPayload)"/>.</summary>
    public FontanaExactVerification Verify(FontanaExactExpectation expected, FontanaExactPayload payload)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(payload);
        return payload.Challenge is { } challenge
            ? Verify(expected, challenge, payload.Transaction)
            : FontanaExactVerification.Invalid(
                X402ErrorReasons.InvalidExactFontanaPayload, "payload.challenge is absent: the challenge is in accepted.extra; verify the whole PaymentPayload");
    }

    private FontanaExactVerification Verify(FontanaExactExpectation expected, FontanaChallenge challenge, byte[] transactionBytes)
    {
        var now = _time.GetUtcNow();

        var challengeError = CheckChallengeFields(expected, challenge);
        if (challengeError is not null)
        {
            return FontanaExactVerification.Invalid(challengeError.Value.Reason, challengeError.Value.Detail, challenge: challenge);
        }

        if (challenge.IsExpired(now))
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.PaymentExpired, $"the challenge expired at {challenge.GetExpiry():O}", challenge: challenge);
        }

        byte[] encodedChallenge;
        try
        {
            encodedChallenge = FontanaChallengeEncoding.Encode(challenge);
        }
        catch (X402FormatException ex)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.InvalidExactFontanaPayload, ex.Message, challenge: challenge);
        }

        var challengeHash = Hash32.Compute(encodedChallenge);
        if (!TransactionCodec.TryDecode(transactionBytes, out var tx, out var formatError))
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.InvalidExactFontanaPayload, $"transaction does not decode ({formatError.Code}): {formatError.Message}",
                challenge: challenge, challengeHash: challengeHash);
        }

        var txError = CheckTransaction(expected, tx, challengeHash, now);
        if (txError is not null)
        {
            return FontanaExactVerification.Invalid(txError.Value.Reason, txError.Value.Detail, tx, challenge, challengeHash);
        }

        if (!IsChallengeAuthentic(challenge, encodedChallenge))
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.ChallengeInvalid, "the challenge signature does not verify with the provider's key", tx, challenge, challengeHash);
        }

        if (!tx.VerifySignature())
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.InvalidExactFontanaPayloadSignature, $"the transaction signature does not verify for signer {tx.Signer}",
                tx, challenge, challengeHash);
        }

        return FontanaExactVerification.Valid(tx, challenge, challengeHash, transactionBytes);
    }

    private static FontanaExactVerification? CheckOffer(FontanaExactExpectation expected, PaymentRequirements accepted)
    {
        if (accepted.Scheme != FontanaExact.Scheme)
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.UnsupportedScheme, $"scheme \"{accepted.Scheme}\" is not supported; Fontana accepts \"{FontanaExact.Scheme}\"");
        }

        if (accepted.Network != expected.Network)
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.NetworkMismatch, $"network \"{accepted.Network}\" is not \"{expected.Network}\"");
        }

        if (accepted.Asset != FontanaExact.Asset)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.AssetMismatch, $"asset \"{accepted.Asset}\" is not \"{FontanaExact.Asset}\"");
        }

        if (!accepted.TryGetAmount(out var amount) || amount != expected.Amount)
        {
            return FontanaExactVerification.Invalid(
                X402ErrorReasons.AmountMismatch, $"the offer accepted is for {accepted.Amount} utia; the price is {expected.Amount.Utia} utia");
        }

        if (accepted.PayTo != expected.PayToText)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.PayToMismatch, $"payTo \"{accepted.PayTo}\" is not {expected.PayToText}");
        }

        return null;
    }

    private static (string Reason, string Detail)? CheckChallengeFields(FontanaExactExpectation expected, FontanaChallenge challenge)
    {
        if (challenge.ProviderKey != expected.ProviderKey)
        {
            return (X402ErrorReasons.ChallengeInvalid, $"the challenge was signed by {challenge.ProviderKey}, not by this provider");
        }

        if (!string.Equals(challenge.Resource, expected.Resource, StringComparison.Ordinal))
        {
            return (X402ErrorReasons.ChallengeInvalid, $"the challenge is for resource \"{challenge.Resource}\", not \"{expected.Resource}\"");
        }

        if (!string.Equals(challenge.Method, expected.Method, StringComparison.OrdinalIgnoreCase))
        {
            return (X402ErrorReasons.ChallengeInvalid, $"the challenge is for method {challenge.Method}, not {expected.Method}");
        }

        if (challenge.Network != expected.Network)
        {
            return (X402ErrorReasons.NetworkMismatch, $"the challenge is for network \"{challenge.Network}\", not \"{expected.Network}\"");
        }

        if (challenge.Amount != expected.Amount)
        {
            return (X402ErrorReasons.AmountMismatch, $"the challenge asks {challenge.Amount.Utia} utia; the price is {expected.Amount.Utia} utia");
        }

        if (challenge.PayTo != expected.PayTo)
        {
            return (X402ErrorReasons.PayToMismatch, $"the challenge pays {challenge.PayTo}, not {expected.PayToText}");
        }

        return null;
    }

    private static (string Reason, string Detail)? CheckTransaction(
        FontanaExactExpectation expected, Transaction tx, Hash32 challengeHash, DateTimeOffset now)
    {
        if (tx.Kind != TransactionKind.Transfer)
        {
            return (X402ErrorReasons.InvalidExactFontanaPayload, $"the payment is a {tx.Kind} transaction; a payment is a transfer");
        }

        if (!string.Equals(tx.ChainId, expected.ChainId, StringComparison.Ordinal))
        {
            return (X402ErrorReasons.NetworkMismatch, $"the transaction is for chain \"{tx.ChainId}\", not \"{expected.ChainId}\"");
        }

        if (!MemoIs(tx.Memo.Span, challengeHash))
        {
            return (X402ErrorReasons.MemoMismatch, $"the transaction memo is not the challenge hash {challengeHash}");
        }

        var outputError = CheckPayToOutput(expected, tx);
        if (outputError is not null)
        {
            return outputError;
        }

        var context = new ValidationContext(expected.ChainId, (ulong)Math.Max(0, now.ToUnixTimeSeconds()), expected.MinFee);
        var structure = TransactionValidator.ValidateStructure(tx, context);
        if (structure.IsValid)
        {
            return null;
        }

        var reason = structure.Code == RejectionCode.Expired ? X402ErrorReasons.PaymentExpired
            : structure.Code == RejectionCode.WrongChain ? X402ErrorReasons.NetworkMismatch
            : structure.Code.Value;
        return (reason, structure.Detail ?? structure.Code.Value);
    }

    private static (string Reason, string Detail)? CheckPayToOutput(FontanaExactExpectation expected, Transaction tx)
    {
        var outputs = tx.OutputSpan;
        var found = -1;
        for (var i = 0; i < outputs.Length; i++)
        {
            if (outputs[i].Address != expected.PayTo)
            {
                continue;
            }

            if (found >= 0)
            {
                return (X402ErrorReasons.AmountMismatch, $"outputs {found} and {i} both pay {expected.PayToText}; a payment has exactly one output to payTo");
            }

            found = i;
        }

        if (found < 0)
        {
            return (X402ErrorReasons.PayToMismatch, $"no output pays {expected.PayToText}");
        }

        var paid = outputs[found].Amount;
        return paid == expected.Amount
            ? null
            : (X402ErrorReasons.AmountMismatch, $"output {found} pays {paid.Utia} utia; the price is exactly {expected.Amount.Utia} utia");
    }

    private static bool MemoIs(ReadOnlySpan<byte> memo, Hash32 hash)
    {
        if (memo.Length != Hash32.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Hash32.Length];
        hash.CopyTo(expected);
        return memo.SequenceEqual(expected);
    }

    /// <summary>The provider's own MAC (one HMAC, <see cref="FontanaChallengeMac"/>) or else the Ed25519 signature by the
    /// challenge's provider key. The MAC covers the signature, so both prove the same thing.</summary>
    private bool IsChallengeAuthentic(FontanaChallenge challenge, byte[] encoded)
    {
        Span<byte> signature = stackalloc byte[Ed25519.SignatureLength];
        if (!TryHex(challenge.Signature, signature))
        {
            return false;
        }

        if (_ownChallenges is not null)
        {
            Span<byte> mac = stackalloc byte[FontanaChallengeMac.MacLength];
            if (TryHex(challenge.Mac, mac) && _ownChallenges.IsIssued(encoded, signature, mac))
            {
                return true;
            }
        }

        return challenge.ProviderKey.Verify(encoded, signature);
    }

    private static bool TryHex(string? hex, Span<byte> destination) =>
        hex is not null && hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;
}
