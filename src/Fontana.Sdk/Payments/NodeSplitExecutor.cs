using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Utxos;

namespace Fontana.Sdk.Payments;

/// <summary>
/// Submits split transactions straight to the node. The transaction expires after the confirmation timeout, so when
/// the submission's answer is lost the executor polls <c>GET /v1/transactions/{txid}</c> until it is found (done) or
/// the expiry has passed (it can never apply: failed).
/// </summary>
internal sealed class NodeSplitExecutor(
    FontanaClient node, PrivateKey key, Func<ChainInfo> chain, TimeSpan confirmationTimeout, TimeProvider time, bool verifyReceipts) : ISplitExecutor
{
    private readonly Address _self = new(key.PublicKey);

    public Amount SplitFee => chain().MinFee;

    public Transaction Build(SplitPlan plan)
    {
        var info = chain();
        var builder = new TransactionBuilder(info.ChainId).WithFee(plan.Fee).WithExpiry(ExpiryFromNow());
        for (var i = 0; i < plan.Inputs.Count; i++)
        {
            builder.AddInput(plan.Inputs[i].OutPoint);
        }

        for (var i = 0; i < plan.Outputs.Count; i++)
        {
            builder.AddOutput(_self, plan.Outputs[i]);
        }

        return builder.Sign(key);
    }

    public async Task<Hash32> ExecuteAsync(SplitPlan plan, Action<Hash32>? beforeSubmit, CancellationToken cancellationToken)
    {
        var transaction = Build(plan);
        var encoded = TransactionCodec.Encode(transaction);
        beforeSubmit?.Invoke(transaction.TxId);
        using var timeout = new CancellationTokenSource(confirmationTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var receipt = await node.SubmitTransactionAsync(encoded, linked.Token).ConfigureAwait(false);
            if (verifyReceipts)
            {
                var info = chain();
                var provisional = ReceiptMapper.ToProvisional(receipt);
                if (provisional.TxId != transaction.TxId || !provisional.Verify(info.ChainId, info.SequencerKey))
                {
                    throw new ReceiptVerificationException(ReceiptVerificationException.BadReceiptSignature, $"the node's receipt for split {transaction.TxId} is not signed by the sequencer");
                }
            }

            return transaction.TxId;
        }
        catch (FontanaApiException ex) when (ex.Code == FontanaApiException.NodeUnreachableCode && !cancellationToken.IsCancellationRequested)
        {
            return await ConfirmByPollingAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await ConfirmByPollingAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The outcome of the submission is unknown: ask the node until the transaction is found or has expired.</summary>
    internal async Task<Hash32> ConfirmByPollingAsync(Transaction transaction, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await node.GetTransactionAsync(transaction.TxId, cancellationToken).ConfigureAwait(false);
                return transaction.TxId;
            }
            catch (FontanaNotFoundException)
            {
                if ((ulong)time.GetUtcNow().ToUnixTimeSeconds() > transaction.Expiry + 1)
                {
                    throw new FontanaApiException(
                        ErrorCodes.SplitTimeout, 0, $"split-timeout: split {transaction.TxId} was not confirmed and has expired", null);
                }
            }
            catch (FontanaApiException ex) when (ex.Code == FontanaApiException.NodeUnreachableCode)
            {
                // Keep asking until the expiry settles the question.
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private ulong ExpiryFromNow()
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(confirmationTimeout.TotalSeconds));
        return (ulong)(time.GetUtcNow().ToUnixTimeSeconds() + seconds);
    }
}
