using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger;

namespace Fontana.Node.Tests.Bridge;

/// <summary>
/// What a node's ledger holds, read straight from its SQLite file once the node is dead (its own connection, no
/// ledger open): every Deposit transaction by its L1 key (<c>TXHASH:messageIndex</c>), every WithdrawalConfirmation by
/// the withdrawal it confirms (its memo), and the supply (the sum of every unspent output).
/// </summary>
internal sealed record LedgerAudit(IReadOnlyDictionary<string, int> MintsByKey, IReadOnlyDictionary<string, int> ConfirmationsByWithdrawal, Amount Supply)
{
    public static async Task<LedgerAudit> ReadAsync(string sqlitePath)
    {
        await using var store = LedgerHost.CreateStore(new LedgerOptions { Store = LedgerStoreKind.Sqlite, SqlitePath = sqlitePath });
        var mints = new Dictionary<string, int>(StringComparer.Ordinal);
        var confirmations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seq = 0L; ;)
        {
            var page = await store.GetTransactionsFromSeqAsync(seq, 500, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var stored in page)
            {
                var tx = TransactionCodec.Decode(stored.Bytes);
                if (tx.Kind == TransactionKind.Deposit)
                {
                    mints[tx.ExternalRef] = mints.GetValueOrDefault(tx.ExternalRef) + 1;
                }
                else if (tx.Kind == TransactionKind.WithdrawalConfirmation)
                {
                    var withdrawal = Hash32.FromBytes(tx.Memo.Span).ToString();
                    confirmations[withdrawal] = confirmations.GetValueOrDefault(withdrawal) + 1;
                }
            }

            seq = page[^1].Seq + 1;
        }

        var supply = Amount.Zero;
        await store.LoadUnspentAsync((_, _, amount, _) => supply += amount, CancellationToken.None);
        return new LedgerAudit(mints, confirmations, supply);
    }
}
