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
    private readonly SettlementBook _book = new();

    public X402Facilitator(TimeProvider time) => _verifier = new FontanaExactVerifier(time);

    public async Task<VerifyResponse> VerifyAsync(ILedger ledger, FacilitatorRequest request, CancellationToken cancellationToken)
    {
        var check = Check(ledger, request);
        if (!check.IsValid)
        {
            return Invalid(check.ErrorReason, check.Detail, check.Payer);
        }

        var tx = check.Transaction;
        var (reason, detail, settled) = await CheckInputsAsync(ledger, tx, cancellationToken).ConfigureAwait(false);
        if (settled && _book.Find(tx.TxId)?.IsRetryBy(RequirementsHash(request.PaymentRequirements), PaymentIdOf(request.PaymentPayload)) != true)
        {
            (reason, detail) = (X402ErrorReasons.DuplicateSettlement, $"payment {tx.TxId} was already settled; a payment settles once");
        }

        return reason is null
            ? new VerifyResponse { IsValid = true, Payer = check.Payer?.ToString() }
            : Invalid(reason, detail, check.Payer);
    }

    /// <summary>
    /// Settles; <c>Unavailable</c> is true when the ledger could not process the payment (HTTP 503). A transaction this
    /// node already settled is refused with <c>duplicate_settlement</c>, unless the request is the same caller's retry
    /// (same payment identifier and requirements), which gets the original answer marked <c>alreadySettled</c>.
    /// </summary>
    public async Task<(SettlementResponse Response, bool Unavailable)> SettleAsync(
        ILedger ledger, FacilitatorRequest request, CancellationToken cancellationToken)
    {
        var network = request.PaymentRequirements.Network;
        var check = Check(ledger, request);
        if (!check.IsValid)
        {
            return (Failed(network, check.ErrorReason, check.Detail, check.Payer), false);
        }

        var tx = check.Transaction;
        var requirements = RequirementsHash(request.PaymentRequirements);
        var paymentId = PaymentIdOf(request.PaymentPayload);
        while (true)
        {
            var (entry, owned) = _book.Begin(tx.TxId, requirements, paymentId);
            if (!owned)
            {
                var original = await entry.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (original is null)
                {
                    continue;
                }

                return (entry.IsRetryBy(requirements, paymentId) ? AlreadySettled(original) : Duplicate(network, tx, check.Payer, original.Extensions), false);
            }

            ApplyResult result;
            try
            {
                result = await ledger.ApplyAsync(tx, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _book.Abandon(tx.TxId, entry);
                throw;
            }

            if (!result.IsAccepted || result.AlreadyApplied)
            {
                // Rejected, or applied before this node's book knew of it (a restart, a direct submission): nothing to
                // hand back as this caller's settlement.
                _book.Abandon(tx.TxId, entry);
                return result.IsAccepted
                    ? (Duplicate(network, tx, check.Payer, FontanaExactReceipt.ToExtensions(FontanaExactReceipt.ToDto(result.Receipt))), false)
                    : (Failed(network, result.Code, result.Detail, check.Payer), result.IsUnavailable);
            }

            var response = new SettlementResponse
            {
                Success = true,
                Transaction = result.TxId.ToString(),
                Network = network,
                Payer = check.Payer?.ToString(),
                Extensions = FontanaExactReceipt.ToExtensions(FontanaExactReceipt.ToDto(result.Receipt)),
            };
            entry.Complete(response);
            return (response, false);
        }
    }

    /// <summary>
    /// <c>GET /supported</c>: <c>exact</c> on this chain, with the <c>extra</c> a scheme needs (chain id, minimum fee,
    /// asset and its decimals, the node's URL), the extensions this facilitator reads, and the sequencer key.
    /// </summary>
    public static SupportedResponse Supported(ILedger ledger, string? nodeUrl) => new()
    {
        Kinds =
        [
            new SupportedKind
            {
                Scheme = FontanaExact.Scheme,
                Network = FontanaExact.FormatNetwork(ledger.ChainId),
                Extra = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object?>
                {
                    ["chainId"] = ledger.ChainId,
                    ["asset"] = FontanaExact.Asset,
                    ["assetDecimals"] = 6,
                    ["minFee"] = ledger.Genesis.MinFee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["nodeUrl"] = nodeUrl,
                }),
            },
        ],
        Extensions = [PaymentIdentifier.ExtensionKey],
        Signers = new Dictionary<string, IReadOnlyList<string>>
        {
            [FontanaExact.NetworkNamespace + ":*"] = [ledger.SequencerPublicKey.ToString()],
        },
    };

    private FontanaExactVerification Check(ILedger ledger, FacilitatorRequest request)
    {
        if (!FontanaExactExpectation.TryFromRequirements(request.PaymentRequirements, ledger.Genesis.MinFee, out var expected, out var reason, out var detail))
        {
            return FontanaExactVerification.Invalid(reason, detail);
        }

        if (expected.ChainId != ledger.ChainId)
        {
            return FontanaExactVerification.Invalid(X402ErrorReasons.InvalidNetwork, $"this node settles on {FontanaExact.FormatNetwork(ledger.ChainId)}, not {expected.Network}");
        }

        return _verifier.Verify(expected, request.PaymentPayload);
    }


    /// <summary>
    /// Inputs exist, are unspent (or all spent by this very transaction: <c>Settled</c>) and belong to the signer; value balances.
    /// </summary>
    private static async Task<(string? Reason, string? Detail, bool Settled)> CheckInputsAsync(ILedger ledger, Transaction tx, CancellationToken cancellationToken)
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
                    return (RejectionCode.InputNotFound.Value, $"input {i} ({input}) does not exist", false);
                case UtxoState.Spent when status.SpentBy == tx.TxId:
                    alreadyApplied++;
                    break;
                case UtxoState.Spent:
                    return (RejectionCode.InputSpent.Value, $"input {i} ({input}) was spent by {status.SpentBy}", false);
            }

            if (status.Output is not { } output || output.Address != signer)
            {
                return (RejectionCode.NotOwner.Value, $"input {i} ({input}) does not belong to the signer {signer}", false);
            }

            if (!Amount.TryAdd(total, output.Amount, out total))
            {
                return (RejectionCode.AmountOverflow.Value, "the inputs sum to more than the largest amount", false);
            }
        }

        if (alreadyApplied != 0 && alreadyApplied != tx.Inputs.Count)
        {
            return (RejectionCode.InputSpent.Value, "some inputs were spent by this transaction and some are unspent", false);
        }

        if (!tx.TryGetOutputTotal(out var spent) || spent != total)
        {
            return (RejectionCode.ValueMismatch.Value, $"inputs hold {total.Utia} utia; outputs plus fee are {spent.Utia} utia", false);
        }

        return (null, null, alreadyApplied != 0);
    }

    private static SettlementResponse Failed(string network, string reason, string? detail, Address? payer) => new()
    {
        Success = false,
        ErrorReason = X402LedgerReasons.ToX402(reason),
        ErrorMessage = detail,
        Payer = payer?.ToString(),
        Transaction = string.Empty,
        Network = network,
        Extensions = X402LedgerReasons.ToExtensions(reason),
    };

    private static VerifyResponse Invalid(string reason, string? detail, Address? payer) => new()
    {
        IsValid = false,
        InvalidReason = X402LedgerReasons.ToX402(reason),
        InvalidMessage = detail,
        Payer = payer?.ToString(),
        Extensions = X402LedgerReasons.ToExtensions(reason),
    };

    /// <summary>
    /// The refusal of a second settlement. It carries the original receipt (public anyway, at /v1/transactions/{txid})
    /// so a Fontana provider can tell "applied earlier" from "rejected"; <c>success</c> stays false for everyone.
    /// </summary>
    private static SettlementResponse Duplicate(string network, Transaction tx, Address? payer, System.Text.Json.JsonElement? receiptExtensions) =>
        Failed(network, X402ErrorReasons.DuplicateSettlement, $"payment {tx.TxId} was already settled; a payment settles once", payer) with
        {
            Extensions = receiptExtensions,
        };

    private static SettlementResponse AlreadySettled(SettlementResponse original) => original with
    {
        Extensions = FontanaExactReceipt.MarkAlreadySettled(original.Extensions),
    };

    /// <summary>SHA-256 (hex) of the requirements as JSON: what "the same requirements" means.</summary>
    private static string RequirementsHash(PaymentRequirements requirements) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(X402Json.SerializeToUtf8Bytes(requirements)));

    /// <summary>The client's <c>payment-identifier</c> id, or null (also when malformed: then it identifies nothing).</summary>
    private static string? PaymentIdOf(PaymentPayload payload) =>
        PaymentIdentifier.TryRead(payload, out var id, out _) ? id : null;
}
