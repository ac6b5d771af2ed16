using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Receipts;

/// <summary>
/// Whether a <see cref="PaymentReceipt"/>'s provisional receipt is for its transaction and signed by the sequencer:
/// either known when the receipt was made, or checked (one Ed25519 verification) the first time it is read, so a paid
/// call whose caller never looks at <see cref="PaymentReceipt.ReceiptVerified"/> does not pay for it. Equal when the
/// results are equal.
/// </summary>
internal abstract class ReceiptCheck : IEquatable<ReceiptCheck>
{
    private static readonly ReceiptCheck True = new Known(true);
    private static readonly ReceiptCheck False = new Known(false);

    public abstract bool Result { get; }

    public static ReceiptCheck Of(bool verified) => verified ? True : False;

    /// <summary>Checks <paramref name="receipt"/> when <see cref="Result"/> is first read; an invalid one is logged then
    /// (when <paramref name="logger"/> is given).</summary>
    public static ReceiptCheck Deferred(ReceiptDto receipt, Hash32 txId, string chainId, PublicKey sequencerKey, ILogger? logger) =>
        new OnFirstRead(receipt, txId, chainId, sequencerKey, logger);

    public bool Equals(ReceiptCheck? other) => other is not null && other.Result == Result;

    public override bool Equals(object? obj) => Equals(obj as ReceiptCheck);

    public override int GetHashCode() => Result.GetHashCode();

    private sealed class Known(bool result) : ReceiptCheck
    {
        public override bool Result => result;
    }

    private sealed class OnFirstRead(ReceiptDto receipt, Hash32 txId, string chainId, PublicKey sequencerKey, ILogger? logger) : ReceiptCheck
    {
        private const int Unknown = 0;
        private const int Valid = 1;
        private const int Invalid = 2;
        private int _state;

        public override bool Result
        {
            get
            {
                var state = Volatile.Read(ref _state);
                if (state == Unknown)
                {
                    // Two first readers may both verify; they reach the same answer.
                    var verified = string.Equals(receipt.TxId, txId.ToString(), StringComparison.OrdinalIgnoreCase)
                        && ReceiptVerifier.VerifyProvisional(receipt, chainId, sequencerKey);
                    state = verified ? Valid : Invalid;
                    if (Interlocked.CompareExchange(ref _state, state, Unknown) == Unknown && !verified && logger is not null)
                    {
                        SdkLog.ReceiptInvalid(logger, txId.ToString(), "not signed by the sequencer for this transaction");
                    }
                }

                return state == Valid;
            }
        }
    }
}
