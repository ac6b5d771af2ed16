using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Errors;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// Opens, tops up and closes sessions from a wallet key through the node API: an open spends the wallet's outputs
/// (largest first) into a deposit for one payee plus change, with a fresh session key; the call returns once the
/// ledger has committed it (receipt).
/// </summary>
public sealed class SessionOpener(FontanaClient client, PrivateKey walletKey, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Opens a session of <paramref name="deposit"/> for <paramref name="payee"/>, expiring after <paramref name="lifetime"/>.</summary>
    public async Task<PaymentSession> OpenAsync(PublicKey payee, Amount deposit, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var info = await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var fee = Amount.ParseUtia(info.MinFee);
        var sessionKey = PrivateKey.Generate();
        var expiry = (ulong)_time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var builder = new TransactionBuilder(info.ChainId).WithSessionOpen(new SessionOpenTerms(payee, sessionKey.PublicKey, expiry, deposit)).WithFee(fee);
        var change = await AddInputsAsync(builder, deposit + fee, cancellationToken).ConfigureAwait(false);
        if (!change.IsZero)
        {
            builder.AddOutput(new Address(walletKey.PublicKey), change);
        }

        var tx = builder.Sign(walletKey);
        await client.SubmitTransactionAsync(TransactionCodec.Encode(tx), cancellationToken).ConfigureAwait(false);
        return new PaymentSession(info.ChainId, tx.TxId, sessionKey, payee, deposit, expiry);
    }

    /// <summary>Adds <paramref name="amount"/> to <paramref name="session"/> and pushes its expiry out by <paramref name="extendBy"/> from now.</summary>
    public async Task TopUpAsync(PaymentSession session, Amount amount, TimeSpan extendBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var info = await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var fee = Amount.ParseUtia(info.MinFee);
        var expiry = Math.Max(session.Expiry, (ulong)_time.GetUtcNow().Add(extendBy).ToUnixTimeSeconds());
        var builder = new TransactionBuilder(info.ChainId).WithSessionTopUp(new SessionTopUpTerms(session.Id, amount, expiry)).WithFee(fee);
        var change = await AddInputsAsync(builder, amount + fee, cancellationToken).ConfigureAwait(false);
        if (!change.IsZero)
        {
            builder.AddOutput(new Address(walletKey.PublicKey), change);
        }

        await client.SubmitTransactionAsync(TransactionCodec.Encode(builder.Sign(walletKey)), cancellationToken).ConfigureAwait(false);
        session.AddDeposit(amount, expiry);
    }

    /// <summary>
    /// Closes <paramref name="session"/> as the payer: the payee gets <paramref name="charged"/> (what its receipts
    /// say was charged) minus what it already claimed, within the last voucher; the rest comes back.
    /// </summary>
    public async Task CloseAsync(PaymentSession session, Amount charged, Amount alreadyClaimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var share = charged > alreadyClaimed ? charged - alreadyClaimed : Amount.Zero;
        var voucher = share.IsZero ? null : session.LastVoucher();
        var builder = new TransactionBuilder(session.ChainId).WithSessionClose(session.Id, voucher);
        if (!share.IsZero)
        {
            builder.AddOutput(new Address(session.Payee), share);
        }

        var refund = session.Deposit - alreadyClaimed - share;
        if (!refund.IsZero)
        {
            builder.AddOutput(new Address(walletKey.PublicKey), refund);
        }

        await client.SubmitTransactionAsync(TransactionCodec.Encode(builder.Sign(walletKey)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes back what an expired session never paid its payee (deposit − claimed) with a <c>SessionReclaim</c> signed by
    /// the wallet key (the session's payer); the session key is not needed, so a session whose key was lost comes back
    /// too. Returns the amount returned to the wallet.
    /// </summary>
    /// <exception cref="FontanaPaymentException"><c>session-not-found</c>, <c>session-closed</c> (closed or reclaimed
    /// already), <c>session-not-expired</c> (its expiry has not passed on the ledger).</exception>
    public async Task<Amount> ReclaimAsync(Hash32 sessionId, CancellationToken cancellationToken = default)
    {
        var state = await client.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false)
            ?? throw new FontanaPaymentException(ErrorCodes.SessionNotFound, $"the node has no session {sessionId}");
        switch (state.Status)
        {
            case "closed":
                throw new FontanaPaymentException(ErrorCodes.SessionClosed, $"session {sessionId} is closed or reclaimed already");
            case not "expired":
                throw new FontanaPaymentException(
                    ErrorCodes.SessionNotExpired,
                    $"session {sessionId} expires at {DateTimeOffset.FromUnixTimeSeconds((long)state.Expiry):u}; only then can its payer reclaim it");
        }

        var info = await client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var locked = Amount.ParseUtia(state.Locked);
        var builder = new TransactionBuilder(info.ChainId).WithSessionReclaim(sessionId);
        if (!locked.IsZero)
        {
            builder.AddOutput(new Address(walletKey.PublicKey), locked);
        }

        await client.SubmitTransactionAsync(TransactionCodec.Encode(builder.Sign(walletKey)), cancellationToken).ConfigureAwait(false);
        return locked;
    }

    private async Task<Amount> AddInputsAsync(TransactionBuilder builder, Amount needed, CancellationToken cancellationToken)
    {
        var utxos = await client.GetUtxosAsync(new Address(walletKey.PublicKey), cancellationToken).ConfigureAwait(false);
        var total = Amount.Zero;
        foreach (var utxo in utxos.Utxos.OrderByDescending(u => Amount.ParseUtia(u.Amount).Utia))
        {
            builder.AddInput(OutPoint.Parse(utxo.OutPoint));
            total += Amount.ParseUtia(utxo.Amount);
            if (total >= needed)
            {
                return total - needed;
            }
        }

        throw new InsufficientFundsException(total, needed);
    }
}
