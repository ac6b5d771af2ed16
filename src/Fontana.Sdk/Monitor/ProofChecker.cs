using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Store;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Monitor;

/// <summary>
/// <c>check-for-proofs</c>: for every settled payment without a final receipt (oldest first, at most one attempt per
/// <see cref="WalletMonitorOptions.ProofRetryDelay"/>), fetches its final receipt from the node, verifies it (receipt
/// signature, block header, inclusion proof: <see cref="ReceiptVerifier.VerifyFinal"/>) and stores it. A payment that
/// has no verified final receipt after <see cref="WalletMonitorOptions.MaxProofAttempts"/> answers from the node is
/// marked <see cref="PaymentState.Unproven"/> with the last reason. A node that cannot be reached fails the run without
/// counting an attempt.
/// </summary>
internal sealed class ProofChecker(
    WalletStore store, FontanaClient node, Func<CancellationToken, ValueTask<ChainInfo>> chain, WalletMonitorOptions options,
    TimeProvider time, MonitorMetrics metrics, ILogger logger)
    : MonitorTask("check-for-proofs", options.ProofCheckInterval, time, metrics, logger)
{
    protected override async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        var due = store.ListAwaitingProof(options.MaxProofAttempts, Time.GetUtcNow() - options.ProofRetryDelay, options.BatchSize);
        if (due.Count == 0)
        {
            return 0;
        }

        var info = await chain(cancellationToken).ConfigureAwait(false);
        var handled = 0;
        foreach (var payment in due)
        {
            string reason;
            try
            {
                var status = await node.GetTransactionAsync(payment.TxId, cancellationToken).ConfigureAwait(false);
                if (status.Final is { } final)
                {
                    ReceiptVerifier.VerifyFinal(final, payment.TxId, info.ChainId, info.SequencerKey);
                    store.RecordFinalReceipt(payment.TxId, JsonSerializer.Serialize(final, ApiJsonContext.Default.FinalReceiptDto), Time.GetUtcNow());
                    Metrics.Item(Name, "proven");
                    handled++;
                    continue;
                }

                reason = "not sealed in a block yet";
            }
            catch (FontanaNotFoundException)
            {
                reason = "the node does not know the transaction";
            }
            catch (ReceiptVerificationException ex)
            {
                reason = ex.Code + ": " + ex.Message;
            }

            var attempts = store.CountProofAttempt(payment.TxId, Time.GetUtcNow());
            if (attempts >= options.MaxProofAttempts)
            {
                store.UpdatePayment(payment.TxId, PaymentState.Unproven, Time.GetUtcNow(), detail: reason);
                MonitorLog.Unproven(Logger, payment.TxId.ToString(), attempts, reason);
                Metrics.Item(Name, "unproven");
                handled++;
            }
            else
            {
                Metrics.Item(Name, "retry");
            }
        }

        return handled;
    }
}
