using System.Data.Common;
using System.Globalization;
using Fontana.Core;

namespace Fontana.Sdk.Store;

/// <summary>The payment history: each payment recorded before it is sent, then moved to its outcome.</summary>
public sealed partial class WalletStore
{
    private const string PaymentColumns =
        "txid, state, pay_to, resource, price, fee, input, tx, expiry, created_at, updated_at, proof_attempts, receipt, final_receipt, detail";

    /// <summary>Records a payment (normally <see cref="PaymentState.Pending"/>, before it is sent). Recording the same
    /// txid again changes nothing.</summary>
    public void RecordPayment(PaymentRecord payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Guard(() => Execute(
            $"INSERT INTO payments ({PaymentColumns}) VALUES (@txid, @state, @payTo, @resource, @price, @fee, @input, @tx, @expiry, @created, @updated, @attempts, @receipt, @final, @detail) ON CONFLICT (txid) DO NOTHING",
            ("txid", payment.TxId.ToString()),
            ("state", StateText(payment.State)),
            ("payTo", payment.PayTo.ToString()),
            ("resource", payment.Resource),
            ("price", (long)payment.Price.Utia),
            ("fee", (long)payment.Fee.Utia),
            ("input", payment.Input.ToString()),
            ("tx", Convert.ToBase64String(payment.Transaction)),
            ("expiry", (long)payment.Expiry),
            ("created", payment.CreatedAt.ToUnixTimeMilliseconds()),
            ("updated", payment.UpdatedAt.ToUnixTimeMilliseconds()),
            ("attempts", payment.ProofAttempts),
            ("receipt", payment.Receipt),
            ("final", payment.FinalReceipt),
            ("detail", payment.Detail)));
    }

    /// <summary>Moves a payment to <paramref name="state"/> (with its provisional receipt or the reason, when given).
    /// A payment in a final state is not moved back to pending or unknown. False if no such payment.</summary>
    public bool UpdatePayment(Hash32 txId, PaymentState state, DateTimeOffset at, string? receipt = null, string? detail = null) =>
        Guard(() => Execute(
            "UPDATE payments SET state = @state, updated_at = @at, receipt = COALESCE(@receipt, receipt), detail = COALESCE(@detail, detail) " +
            "WHERE txid = @txid AND NOT (state IN ('settled', 'refused', 'unproven') AND @state IN ('pending', 'unknown'))",
            ("state", StateText(state)), ("at", at.ToUnixTimeMilliseconds()), ("receipt", receipt), ("detail", detail), ("txid", txId.ToString())) > 0);

    /// <summary>Stores the verified final receipt of a settled (or unproven) payment; it is settled and proven from now on.</summary>
    public bool RecordFinalReceipt(Hash32 txId, string finalReceiptJson, DateTimeOffset at) =>
        Guard(() => Execute(
            "UPDATE payments SET final_receipt = @final, state = 'settled', updated_at = @at WHERE txid = @txid AND state IN ('settled', 'unproven')",
            ("final", finalReceiptJson), ("at", at.ToUnixTimeMilliseconds()), ("txid", txId.ToString())) > 0);

    /// <summary>Counts one more attempt at fetching the final receipt; returns the new count.</summary>
    public int CountProofAttempt(Hash32 txId, DateTimeOffset at) =>
        Guard(() =>
        {
            Execute(
                "UPDATE payments SET proof_attempts = proof_attempts + 1, updated_at = @at WHERE txid = @txid",
                ("at", at.ToUnixTimeMilliseconds()), ("txid", txId.ToString()));
            return Convert.ToInt32(Scalar("SELECT proof_attempts FROM payments WHERE txid = @txid", ("txid", txId.ToString())) ?? 0, CultureInfo.InvariantCulture);
        });

    /// <summary>One payment, or null.</summary>
    public PaymentRecord? GetPayment(Hash32 txId) =>
        Guard(() => Query($"SELECT {PaymentColumns} FROM payments WHERE txid = @txid", ("txid", txId.ToString())).FirstOrDefault());

    /// <summary>Payments, newest first; only those in <paramref name="state"/> when given.</summary>
    public IReadOnlyList<PaymentRecord> ListPayments(PaymentState? state = null, int limit = 1000) =>
        Guard(() => state is { } s
            ? Query($"SELECT {PaymentColumns} FROM payments WHERE state = @state ORDER BY created_at DESC, txid LIMIT @limit", ("state", StateText(s)), ("limit", limit))
            : Query($"SELECT {PaymentColumns} FROM payments ORDER BY created_at DESC, txid LIMIT @limit", ("limit", limit)));

    /// <summary>Settled payments without a final receipt and fewer than <paramref name="maxAttempts"/> attempts, oldest first.</summary>
    public IReadOnlyList<PaymentRecord> ListUnproven(int maxAttempts, int limit = 256) =>
        Guard(() => Query(
            $"SELECT {PaymentColumns} FROM payments WHERE state = 'settled' AND final_receipt IS NULL AND proof_attempts < @max ORDER BY created_at, txid LIMIT @limit",
            ("max", maxAttempts), ("limit", limit)));

    /// <summary>Payments still <see cref="PaymentState.Pending"/> or <see cref="PaymentState.Unknown"/> whose last change is
    /// before <paramref name="changedBefore"/>, oldest first: the ones the monitor resolves with the node.</summary>
    public IReadOnlyList<PaymentRecord> ListAwaitingOutcome(DateTimeOffset changedBefore, int limit = 256) =>
        Guard(() => Query(
            $"SELECT {PaymentColumns} FROM payments WHERE state IN ('pending', 'unknown') AND updated_at < @before ORDER BY created_at, txid LIMIT @limit",
            ("before", changedBefore.ToUnixTimeMilliseconds()), ("limit", limit)));

    /// <summary>Settled payments without a final receipt, fewer than <paramref name="maxAttempts"/> attempts, settled
    /// before <paramref name="settledBefore"/>, oldest first.</summary>
    public IReadOnlyList<PaymentRecord> ListAwaitingProof(int maxAttempts, DateTimeOffset settledBefore, int limit = 256) =>
        Guard(() => Query(
            $"SELECT {PaymentColumns} FROM payments WHERE state = 'settled' AND final_receipt IS NULL AND proof_attempts < @max AND updated_at < @before ORDER BY created_at, txid LIMIT @limit",
            ("max", maxAttempts), ("before", settledBefore.ToUnixTimeMilliseconds()), ("limit", limit)));

    /// <summary>Number of payments in each state.</summary>
    public IReadOnlyDictionary<PaymentState, int> CountPayments() =>
        Guard(() =>
        {
            using var command = Command(null, "SELECT state, COUNT(*) FROM payments GROUP BY state", []);
            using var reader = command.ExecuteReader();
            var counts = new Dictionary<PaymentState, int>();
            while (reader.Read())
            {
                counts[ParseState(reader.GetString(0))] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }

            return (IReadOnlyDictionary<PaymentState, int>)counts;
        });

    /// <summary>The state as the store and the CLI write it: <c>pending</c>, <c>settled</c>, … (lowercase).</summary>
    public static string StateText(PaymentState state) => state switch
    {
        PaymentState.Pending => "pending",
        PaymentState.Unknown => "unknown",
        PaymentState.Settled => "settled",
        PaymentState.Refused => "refused",
        _ => "unproven",
    };

    internal static PaymentState ParseState(string text) => text switch
    {
        "pending" => PaymentState.Pending,
        "unknown" => PaymentState.Unknown,
        "settled" => PaymentState.Settled,
        "refused" => PaymentState.Refused,
        "unproven" => PaymentState.Unproven,
        _ => throw new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: unknown payment state '{text}'"),
    };

    private List<PaymentRecord> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(null, sql, parameters);
        using var reader = command.ExecuteReader();
        var list = new List<PaymentRecord>();
        while (reader.Read())
        {
            list.Add(ReadPayment(reader));
        }

        return list;
    }

    private static PaymentRecord ReadPayment(DbDataReader r)
    {
        try
        {
            return new PaymentRecord(
                Hash32.Parse(r.GetString(0)),
                ParseState(r.GetString(1)),
                Address.Parse(r.GetString(2)),
                r.GetString(3),
                Amount.FromUtia((ulong)r.GetInt64(4)),
                Amount.FromUtia((ulong)r.GetInt64(5)),
                OutPoint.Parse(r.GetString(6)),
                Convert.FromBase64String(r.GetString(7)),
                (ulong)r.GetInt64(8),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(10)),
                r.GetInt32(11),
                r.IsDBNull(12) ? null : r.GetString(12),
                r.IsDBNull(13) ? null : r.GetString(13),
                r.IsDBNull(14) ? null : r.GetString(14));
        }
        catch (FormatException ex)
        {
            throw new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: a payment row does not parse ({ex.Message})", ex);
        }
    }
}
