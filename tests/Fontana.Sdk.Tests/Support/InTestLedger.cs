using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A small in-memory ledger for unit tests (the real one lives in Fontana.Ledger): the protocol's stateless checks
/// (Core's validator), then inputs exist / unspent / owned, value conserved, fee output, idempotent re-submission,
/// sequencer-signed receipts.
/// </summary>
internal sealed class InTestLedger
{
    public const string ChainId = "sdk-test";

    private readonly Lock _lock = new();
    private readonly Dictionary<OutPoint, TxOutput> _utxos = [];
    private readonly Dictionary<OutPoint, Hash32> _spentBy = [];
    private readonly Dictionary<Hash32, (byte[] Encoded, ReceiptDto Receipt)> _applied = [];
    private ulong _sequence;
    private int _fundCounter;

    public InTestLedger(Amount? minFee = null)
    {
        MinFee = minFee ?? Amount.FromUtia(100);
        FeeAddress = new Address(FeeKey.PublicKey);
    }

    public PrivateKey Sequencer { get; } = PrivateKey.Generate();

    public PrivateKey FeeKey { get; } = PrivateKey.Generate();

    public Address FeeAddress { get; }

    public Amount MinFee { get; }

    public int Submissions;

    public int InputSpentRejections;

    public OutPoint Fund(Address to, Amount amount)
    {
        var n = Interlocked.Increment(ref _fundCounter);
        var txId = Hash32.Compute(System.Text.Encoding.UTF8.GetBytes($"fund-{n}-{Guid.NewGuid()}"));
        var outPoint = new OutPoint(txId, 0);
        lock (_lock)
        {
            _utxos.Add(outPoint, new TxOutput(to, amount));
        }

        return outPoint;
    }

    public Amount BalanceOf(Address address)
    {
        lock (_lock)
        {
            var total = Amount.Zero;
            foreach (var output in _utxos.Values)
            {
                if (output.Address == address)
                {
                    total += output.Amount;
                }
            }

            return total;
        }
    }

    public List<UtxoDto> UtxosOf(Address address)
    {
        lock (_lock)
        {
            var list = new List<UtxoDto>();
            foreach (var (outPoint, output) in _utxos)
            {
                if (output.Address == address)
                {
                    list.Add(new UtxoDto(outPoint.ToString(), address.ToString(), output.Amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }

            return list;
        }
    }

    public UtxoStatusDto UtxoStatus(OutPoint outPoint)
    {
        lock (_lock)
        {
            if (_utxos.TryGetValue(outPoint, out var output))
            {
                return new UtxoStatusDto(outPoint.ToString(), "unspent", output.Address.ToString(), output.Amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            }

            return _spentBy.TryGetValue(outPoint, out var by)
                ? new UtxoStatusDto(outPoint.ToString(), "spent", null, null, by.ToString())
                : new UtxoStatusDto(outPoint.ToString(), "unknown", null, null, null);
        }
    }

    public bool TryGetApplied(Hash32 txId, out byte[] encoded, out ReceiptDto receipt)
    {
        lock (_lock)
        {
            if (_applied.TryGetValue(txId, out var entry))
            {
                (encoded, receipt) = entry;
                return true;
            }
        }

        encoded = [];
        receipt = null!;
        return false;
    }

    /// <summary>Applies or rejects; on rejection returns the code and a reason.</summary>
    public (ReceiptDto? Receipt, string? Code, string? Detail) Submit(Transaction transaction)
    {
        Interlocked.Increment(ref Submissions);
        var context = ValidationContext.At(ChainId, TimeProvider.System, MinFee);
        var stateless = TransactionValidator.Validate(transaction, context);
        if (!stateless.IsValid)
        {
            return (null, stateless.Code.Value, stateless.Detail);
        }

        lock (_lock)
        {
            if (_applied.TryGetValue(transaction.TxId, out var done))
            {
                return (done.Receipt, null, null);
            }

            var total = Amount.Zero;
            foreach (var input in transaction.Inputs)
            {
                if (_spentBy.ContainsKey(input))
                {
                    Interlocked.Increment(ref InputSpentRejections);
                    return (null, "input-spent", $"{input} is spent");
                }

                if (!_utxos.TryGetValue(input, out var output))
                {
                    return (null, "input-not-found", $"{input} does not exist");
                }

                if (output.Address.PublicKey != transaction.Signer)
                {
                    return (null, "not-owner", $"{input} is not the signer's");
                }

                total += output.Amount;
            }

            transaction.TryGetOutputTotal(out var spent);
            if (spent != total)
            {
                return (null, "value-mismatch", $"inputs {total} != outputs + fee {spent}");
            }

            foreach (var input in transaction.Inputs)
            {
                _utxos.Remove(input);
                _spentBy[input] = transaction.TxId;
            }

            for (var i = 0; i < transaction.Outputs.Count; i++)
            {
                _utxos[new OutPoint(transaction.TxId, (ushort)i)] = transaction.Outputs[i];
            }

            if (!transaction.Fee.IsZero)
            {
                _utxos[new OutPoint(transaction.TxId, (ushort)transaction.Outputs.Count)] = new TxOutput(FeeAddress, transaction.Fee);
            }

            var sequence = ++_sequence;
            var acceptedAt = (ulong)TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
            var signed = ProvisionalReceipt.Sign(ChainId, transaction.TxId, sequence, acceptedAt, Sequencer);
            var receipt = new ReceiptDto(transaction.TxId.ToString(), sequence, acceptedAt, Convert.ToHexStringLower(signed.SequencerSignature.Span));
            _applied[transaction.TxId] = (TransactionCodec.Encode(transaction), receipt);
            return (receipt, null, null);
        }
    }
}
