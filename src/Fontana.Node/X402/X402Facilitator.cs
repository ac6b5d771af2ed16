using Fontana.Core;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;
using Fontana.Core.X402;
using Fontana.Ledger;

namespace Fontana.Node.X402;

/// <summary>
/// The node's x402 facilitator (coinbase/x402 x402-specification-v2 §7) for remote providers:
/// verify = <see cref="FontanaExactVerifier"/> against the provider's requirements + UTXO checks on committed state
/// (nothing is spent); settle = the same stateless checks, then the ledger applies the transaction (which re-checks
/// the UTXOs atomically) and the receipt goes back in the settlement response's extensions.
/// </summary>
internal sealed class X402Facilitator
{
    private readonly FontanaExactVerifier _verifier;

    public X402Facilitator(TimeProvider time) => _verifier = new FontanaExactVerifier(time);

    public async Task<VerifyResponse> VerifyAsync(ILedger ledger, FacilitatorRequest request, CancellationToken cancellationToken)
    {
        var check = Check(ledger, request);
        if (!check.IsValid)
        {
            return new VerifyResponse { IsValid = false, InvalidReason = check.ErrorReason, InvalidMessage = check.Detail, Payer = check.Payer?.ToString() };
        }

        var tx = check.Transaction;
        var (reason, detail) = await CheckInputsAsync(ledger, tx, cancellationToken).ConfigureAwait(false);
        return new VerifyResponse { IsValid = reason is null, InvalidReason = reason, InvalidMessage = detail, Payer = check.Payer?.ToString() };
    }

    /// <summary>Settles; <c>Unavailable</c> is true when the ledger could not process the payment (HTTP 503).</summary>
    public async Task<(SettlementResponse Response, bool Unavailable)> SettleAsync(
        ILedger ledger, FacilitatorRequest request, CancellationToken cancellationToken)
    {
        var network = request.PaymentRequirements.Network;
        var check = Check(ledger, request);
        if (!check.IsValid)
        {
            return (Failed(network, check.ErrorReason, check.Detail, check.Payer), false);
        }

        var result = await ledger.ApplyAsync(check.Transaction, cancellationToken).ConfigureAwait(false);
        if (!result.IsAccepted)
        {
            return (Failed(network, result.Code, result.Detail, check.Payer), result.IsUnavailable);
        }

        var response = new SettlementResponse
        {
            Success = true,
            Transaction = result.TxId.ToString(),
            Network = network,
            Payer = check.Payer?.ToString(),
            Extensions = FontanaExactReceipt.ToExtensions(FontanaExactReceipt.ToDto(result.Receipt)),
        };
        return (response, false);
    }

    public static SupportedResponse Supported(ILedger ledger) => new()
    {
        Kinds = [new SupportedKind { Scheme = FontanaExact.Scheme, Network = FontanaExact.FormatNetwork(ledger.ChainId) }],
        Extensions = [],
        Signers = new Dictionary<string, IReadOnlyList<string>>
        {
            [FontanaExact.NetworkNamespace + ":*"] = [ledger.SequencerPublicKey.ToString()],
        },
    };

    private FontanaExactVerification Check(ILedger ledger, FacilitatorRequest request)
    {
        if (!FontanaExactExpectation.TryFromRequirements(request.PaymentRequirements, ledger.Genesis.MinFee, out var expected, out var reason, out var detail))
        {
            return Invalid(reason, detail);
        }

        if (expected.ChainId != ledger.ChainId)
        {
            return Invalid(X402ErrorReasons.InvalidNetwork, $"this node settles on {FontanaExact.FormatNetwork(ledger.ChainId)}, not {expected.Network}");
        }

        return _verifier.Verify(expected, request.PaymentPayload);
    }

    private static FontanaExactVerification Invalid(string reason, string detail) =>
        FontanaExactVerification.Invalid(reason, detail);

    /// <summary>Inputs exist, are unspent (or already spent by this very transaction: a retry) and belong to the signer; value balances.</summary>
    private static async Task<(string? Reason, string? Detail)> CheckInputsAsync(ILedger ledger, Transaction tx, CancellationToken cancellationToken)
    {
        var total = Amount.Zero;
        var signer = new Address(tx.Signer);
        var alreadyApplied = 0;
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            var status = await ledger.GetUtxoStatusAsync(input, cancellationToken).ConfigureAwait(false);
            switch (status.State)
            {
                case UtxoState.Unknown:
                    return (RejectionCode.InputNotFound.Value, $"input {i} ({input}) does not exist");
                case UtxoState.Spent when status.SpentBy == tx.TxId:
                    alreadyApplied++;
                    break;
                case UtxoState.Spent:
                    return (RejectionCode.InputSpent.Value, $"input {i} ({input}) was spent by {status.SpentBy}");
            }

            if (status.Output is not { } output || output.Address != signer)
            {
                return (RejectionCode.NotOwner.Value, $"input {i} ({input}) does not belong to the signer {signer}");
            }

            if (!Amount.TryAdd(total, output.Amount, out total))
            {
                return (RejectionCode.AmountOverflow.Value, "the inputs sum to more than the largest amount");
            }
        }

        if (alreadyApplied != 0 && alreadyApplied != tx.Inputs.Count)
        {
            return (RejectionCode.InputSpent.Value, "some inputs were spent by this transaction and some are unspent");
        }

        if (!tx.TryGetOutputTotal(out var spent) || spent != total)
        {
            return (RejectionCode.ValueMismatch.Value, $"inputs hold {total.Utia} utia; outputs plus fee are {spent.Utia} utia");
        }

        return (null, null);
    }

    private static SettlementResponse Failed(string network, string reason, string? detail, Address? payer) => new()
    {
        Success = false,
        ErrorReason = reason,
        ErrorMessage = detail,
        Payer = payer?.ToString(),
        Transaction = string.Empty,
        Network = network,
    };
}
