using System.Security.Cryptography;
using System.Text;
using Fontana.Bridge.Deposits;
using Fontana.Core;

namespace Fontana.Bridge.Tests.Deposits;

/// <summary>Mints the way the ledger does (LedgerEngine.ProcessDepositAsync): one deterministic transaction per key,
/// the same key with the same terms answers the original txid, other terms are refused <c>duplicate-deposit</c>.
/// <see cref="CrashAfterMint"/> makes the next call mint and then throw, as a process killed before it records.</summary>
internal sealed class LedgerLikeMinter : IDepositMinter
{
    private readonly Dictionary<string, (Address To, Amount Amount, Hash32 TxId)> _minted = [];

    public int Calls { get; private set; }

    public bool CrashAfterMint { get; set; }

    public IReadOnlyDictionary<string, (Address To, Amount Amount, Hash32 TxId)> Minted => _minted;

    public ulong Supply => _minted.Values.Aggregate(0ul, (sum, m) => sum + m.Amount.Utia);

    public Task<DepositMint> MintAsync(string key, Address to, Amount amount, CancellationToken cancellationToken)
    {
        Calls++;
        if (_minted.TryGetValue(key, out var earlier))
        {
            return Task.FromResult(earlier.To == to && earlier.Amount == amount
                ? new DepositMint(true, earlier.TxId, null, null)
                : new DepositMint(false, default, "duplicate-deposit", "other terms"));
        }

        var txId = Hash32.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{to}|{amount.Utia}")));
        _minted[key] = (to, amount, txId);
        if (CrashAfterMint)
        {
            CrashAfterMint = false;
            throw new IOException("killed after the mint, before the record");
        }

        return Task.FromResult(new DepositMint(true, txId, null, null));
    }
}
