using Fontana.Core.Transactions;

namespace Fontana.Core.Sessions;

/// <summary>
/// The kind-specific session section of the session transaction kinds (docs/protocol.md §2): a fixed length per kind,
/// encoded after the external reference and before the signer. Other kinds have no section (length 0).
/// </summary>
public static class SessionSection
{
    /// <summary>Section length of a close: session id (32) ‖ signed voucher (112, all zero for none).</summary>
    public const int CloseLength = Hash32.Length + SignedVoucher.EncodedLength;

    /// <summary>The section length of <paramref name="kind"/>: open 80, top-up 48, claim 112, close 144, reclaim 32, others 0.</summary>
    public static int LengthOf(TransactionKind kind) => kind switch
    {
        TransactionKind.SessionOpen => SessionOpenTerms.EncodedLength,
        TransactionKind.SessionTopUp => SessionTopUpTerms.EncodedLength,
        TransactionKind.SessionClaim => SignedVoucher.EncodedLength,
        TransactionKind.SessionClose => CloseLength,
        TransactionKind.SessionReclaim => Hash32.Length,
        _ => 0,
    };

    /// <summary>True for the five session kinds.</summary>
    public static bool IsSessionKind(TransactionKind kind) => kind is >= TransactionKind.SessionOpen and <= TransactionKind.SessionReclaim;

    /// <summary>The open terms of a <see cref="TransactionKind.SessionOpen"/>.</summary>
    public static SessionOpenTerms OpenTerms(Transaction tx)
    {
        Expect(tx, TransactionKind.SessionOpen);
        return SessionOpenTerms.Read(tx.SessionData.Span);
    }

    /// <summary>The top-up terms of a <see cref="TransactionKind.SessionTopUp"/>.</summary>
    public static SessionTopUpTerms TopUpTerms(Transaction tx)
    {
        Expect(tx, TransactionKind.SessionTopUp);
        return SessionTopUpTerms.Read(tx.SessionData.Span);
    }

    /// <summary>The signed voucher of a <see cref="TransactionKind.SessionClaim"/> or <see cref="TransactionKind.SessionClose"/>.</summary>
    public static SignedVoucher VoucherOf(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.Kind is not (TransactionKind.SessionClaim or TransactionKind.SessionClose))
        {
            throw new ArgumentException($"a {tx.Kind} transaction carries no voucher", nameof(tx));
        }

        return SignedVoucher.Read(tx.Kind == TransactionKind.SessionClose ? tx.SessionData.Span[Hash32.Length..] : tx.SessionData.Span);
    }

    /// <summary>The session a session transaction acts on: its own txid for an open, the section's first 32 bytes otherwise.</summary>
    public static Hash32 SessionIdOf(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (!IsSessionKind(tx.Kind))
        {
            throw new ArgumentException($"a {tx.Kind} transaction belongs to no session", nameof(tx));
        }

        return tx.Kind == TransactionKind.SessionOpen ? tx.TxId : Hash32.FromBytes(tx.SessionData.Span[..Hash32.Length]);
    }

    private static void Expect(Transaction tx, TransactionKind kind)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.Kind != kind)
        {
            throw new ArgumentException($"expected a {kind} transaction, not {tx.Kind}", nameof(tx));
        }
    }
}
