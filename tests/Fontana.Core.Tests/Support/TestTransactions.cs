using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Core.Tests.Support;

/// <summary>
/// Valid transactions of each kind (for <see cref="Context"/>), with any field overridable, signed through the
/// lenient public constructor so that one rule at a time can be broken.
/// </summary>
internal static class TestTransactions
{
    public const string ChainId = "fontana-test";

    public const ulong Now = 1_700_000_000;

    public static readonly Amount MinFee = Amount.FromUtia(10);

    public static ValidationContext Context => new(ChainId, Now, MinFee);

    public static OutPoint Input(int n) => new(Hash32.Compute(BitConverter.GetBytes(n)), (ushort)(n % 7));

    public static OutPoint[] Inputs(int count)
    {
        var inputs = new OutPoint[count];
        for (var i = 0; i < count; i++)
        {
            inputs[i] = Input(i);
        }

        return inputs;
    }

    public static TxOutput[] Outputs(int count, ulong utia = 1_000)
    {
        var outputs = new TxOutput[count];
        for (var i = 0; i < count; i++)
        {
            outputs[i] = new TxOutput(i % 2 == 0 ? TestKeys.BobAddress : TestKeys.AliceAddress, Amount.FromUtia(utia + (ulong)i));
        }

        return outputs;
    }

    public static Transaction Make(
        TransactionKind kind = TransactionKind.Transfer,
        byte version = Transaction.CurrentVersion,
        string chainId = ChainId,
        OutPoint[]? inputs = null,
        TxOutput[]? outputs = null,
        Amount? fee = null,
        byte[]? memo = null,
        ulong expiry = 0,
        string? externalRef = null,
        PrivateKey? signer = null)
    {
        var bridgeIssued = kind is TransactionKind.Deposit or TransactionKind.WithdrawalConfirmation;
        inputs ??= bridgeIssued ? [] : Inputs(1);
        outputs ??= kind switch
        {
            TransactionKind.Transfer or TransactionKind.Deposit => Outputs(1),
            _ => [],
        };
        fee ??= bridgeIssued ? Amount.Zero : MinFee;
        memo ??= kind == TransactionKind.WithdrawalConfirmation ? Hash32.Compute("withdrawal"u8).ToArray() : [];
        externalRef ??= kind switch
        {
            TransactionKind.Withdrawal => "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5",
            TransactionKind.Deposit => "l1:deposit-tx/0",
            TransactionKind.WithdrawalConfirmation => "l1:payout-tx",
            _ => string.Empty,
        };
        signer ??= bridgeIssued ? TestKeys.Bridge : TestKeys.Alice;
        return new Transaction(version, chainId, kind, inputs, outputs, fee.Value, memo, expiry, externalRef, signer.PublicKey, default)
            .Sign(signer);
    }
}
