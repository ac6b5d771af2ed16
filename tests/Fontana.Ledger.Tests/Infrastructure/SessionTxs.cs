using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>Builds the session kinds on a <see cref="TestChain"/>: opens and top-ups from genesis allocations, claims, closes, reclaims.</summary>
public sealed class SessionTxs(TestChain chain)
{
    /// <summary>Opens a session from allocation (<paramref name="wallet"/>, <paramref name="k"/>): deposit locked, change back, min fee.</summary>
    public Transaction Open(int wallet, int k, PublicKey payee, PublicKey sessionKey, ulong deposit, ulong expiry) =>
        OpenFrom(chain.Wallets[wallet], chain.Allocation(wallet, k), chain.AllocationAmount(wallet, k).Utia, payee, sessionKey, deposit, expiry);

    /// <summary>Opens a session spending one output worth <paramref name="inputAmount"/>.</summary>
    public Transaction OpenFrom(PrivateKey payer, OutPoint input, ulong inputAmount, PublicKey payee, PublicKey sessionKey, ulong deposit, ulong expiry)
    {
        var fee = chain.MinFee.Utia;
        var builder = new TransactionBuilder(TestChain.ChainId)
            .WithSessionOpen(new SessionOpenTerms(payee, sessionKey, expiry, Amount.FromUtia(deposit)))
            .AddInput(input)
            .WithFee(chain.MinFee);
        if (inputAmount > deposit + fee)
        {
            builder.AddOutput(new Address(payer.PublicKey), Amount.FromUtia(inputAmount - deposit - fee));
        }

        return builder.Sign(payer);
    }

    /// <summary>Tops session <paramref name="id"/> up from allocation (<paramref name="wallet"/>, <paramref name="k"/>).</summary>
    public Transaction TopUp(int wallet, int k, Hash32 id, ulong amount, ulong expiry = 0)
    {
        var fee = chain.MinFee.Utia;
        var total = chain.AllocationAmount(wallet, k).Utia;
        return new TransactionBuilder(TestChain.ChainId)
            .WithSessionTopUp(new SessionTopUpTerms(id, Amount.FromUtia(amount), expiry))
            .AddInput(chain.Allocation(wallet, k))
            .AddOutput(chain.WalletAddress(wallet), Amount.FromUtia(total - amount - fee))
            .WithFee(chain.MinFee)
            .Sign(chain.Wallets[wallet]);
    }

    /// <summary>The payee's claim of <paramref name="voucher"/> when <paramref name="claimedBefore"/> was claimed already.</summary>
    public Transaction Claim(PrivateKey payee, SignedVoucher voucher, ulong claimedBefore, ulong? outputOverride = null) =>
        new TransactionBuilder(TestChain.ChainId)
            .WithSessionClaim(voucher)
            .AddOutput(new Address(payee.PublicKey), Amount.FromUtia(outputOverride ?? (voucher.Voucher.Cumulative.Utia - claimedBefore - chain.MinFee.Utia)))
            .WithFee(chain.MinFee)
            .Sign(payee);

    /// <summary>A close by <paramref name="signer"/>: <paramref name="toPayee"/> then <paramref name="toPayer"/> (zero amounts omitted).</summary>
    public static Transaction Close(PrivateKey signer, Hash32 id, SignedVoucher? voucher, PublicKey payee, ulong toPayee, PublicKey payer, ulong toPayer)
    {
        var builder = new TransactionBuilder(TestChain.ChainId).WithSessionClose(id, voucher);
        if (toPayee > 0)
        {
            builder.AddOutput(new Address(payee), Amount.FromUtia(toPayee));
        }

        if (toPayer > 0)
        {
            builder.AddOutput(new Address(payer), Amount.FromUtia(toPayer));
        }

        return builder.Sign(signer);
    }

    /// <summary>The payer's reclaim of <paramref name="refund"/> from session <paramref name="id"/>.</summary>
    public static Transaction Reclaim(PrivateKey payer, Hash32 id, ulong refund)
    {
        var builder = new TransactionBuilder(TestChain.ChainId).WithSessionReclaim(id);
        if (refund > 0)
        {
            builder.AddOutput(new Address(payer.PublicKey), Amount.FromUtia(refund));
        }

        return builder.Sign(payer);
    }

    /// <summary>A voucher signed by <paramref name="sessionKey"/>.</summary>
    public static SignedVoucher Voucher(PrivateKey sessionKey, Hash32 id, ulong cumulative, ulong counter) =>
        new Voucher(id, Amount.FromUtia(cumulative), counter).Sign(sessionKey, TestChain.ChainId);
}
