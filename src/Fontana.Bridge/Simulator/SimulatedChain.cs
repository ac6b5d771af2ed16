using System.Security.Cryptography;
using System.Text;
using Fontana.Core.Bridge;

namespace Fontana.Bridge.Simulator;

/// <summary>One <c>MsgSend</c> transaction on the simulated L1 (one message per transaction).</summary>
internal sealed record SimulatedTx(string Hash, long Height, string From, string To, ulong Utia, string Memo);

/// <summary>
/// The simulated L1's state: utia balances, the transactions in block order and the head height. Each transaction is
/// included in a new block; <see cref="ProduceBlocks"/> adds empty ones (confirmations). Balances are read at
/// head − 1, as celestia-node does. Thread-safe: every member takes one lock.
/// </summary>
internal sealed class SimulatedChain
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ulong> _genesis = new(StringComparer.Ordinal);
    private readonly List<SimulatedTx> _txs = [];
    private readonly string? _file;
    private long _height = 1;
    private long _nonce;

    /// <summary>An empty chain in memory (tests).</summary>
    public SimulatedChain()
    {
    }

    /// <summary>A chain kept in <paramref name="file"/> (the devnet): loaded when it exists, saved after every change.</summary>
    public SimulatedChain(string file)
    {
        _file = file;
        if (SimulatedChainFile.Load(file) is { } saved)
        {
            _height = saved.Height;
            _nonce = saved.Nonce;
            foreach (var (address, utia) in saved.Genesis)
            {
                _genesis[address] = utia;
            }

            _txs.AddRange(saved.Txs);
        }
    }

    public long Height
    {
        get
        {
            lock (_gate)
            {
                return _height;
            }
        }
    }

    public IReadOnlyList<SimulatedTx> Transactions
    {
        get
        {
            lock (_gate)
            {
                return [.. _txs];
            }
        }
    }

    /// <summary>Credits <paramref name="utia"/> at genesis (a faucet, the vault's gas money).</summary>
    public void Fund(CelestiaAddress address, ulong utia)
    {
        lock (_gate)
        {
            _genesis[address.Text] = checked(_genesis.GetValueOrDefault(address.Text) + utia);
            Persist();
        }
    }

    public void ProduceBlocks(int count)
    {
        lock (_gate)
        {
            _height += count;
            Persist();
        }
    }

    /// <summary>The balance including every included transaction (what a block explorer shows at head).</summary>
    public ulong BalanceAtHead(string address)
    {
        lock (_gate)
        {
            return BalanceAt(address, long.MaxValue);
        }
    }

    /// <summary>The balance celestia-node answers: state at head − 1.</summary>
    public ulong BalanceForQuery(string address)
    {
        lock (_gate)
        {
            return BalanceAt(address, _height - 1);
        }
    }

    /// <summary>Moves <paramref name="utia"/> in a new block; null and <paramref name="error"/> when the sender is short
    /// (cosmos-sdk x/bank <c>ErrInsufficientFunds</c> text).</summary>
    public SimulatedTx? Transfer(string from, string to, ulong utia, string memo, out string? error)
    {
        lock (_gate)
        {
            var spendable = BalanceAt(from, long.MaxValue);
            if (spendable < utia)
            {
                error = $"spendable balance {spendable}utia is smaller than {utia}utia: insufficient funds";
                return null;
            }

            _height++;
            var raw = Encoding.UTF8.GetBytes($"{from}|{to}|{utia}|{memo}|{++_nonce}");
            var tx = new SimulatedTx(Convert.ToHexString(SHA256.HashData(raw)), _height, from, to, utia, memo);
            _txs.Add(tx);
            Persist();
            error = null;
            return tx;
        }
    }

    /// <summary>True when the account was credited at genesis (the devnet funds its faucet once).</summary>
    public bool IsFunded(string address)
    {
        lock (_gate)
        {
            return _genesis.ContainsKey(address);
        }
    }

    private void Persist()
    {
        if (_file is not null)
        {
            SimulatedChainFile.Save(_file, _height, _nonce, _genesis, _txs);
        }
    }

    private ulong BalanceAt(string address, long height)
    {
        var balance = _genesis.GetValueOrDefault(address);
        foreach (var tx in _txs)
        {
            if (tx.Height > height)
            {
                break;
            }

            if (tx.To == address)
            {
                balance += tx.Utia;
            }

            if (tx.From == address)
            {
                balance -= tx.Utia;
            }
        }

        return balance;
    }
}
