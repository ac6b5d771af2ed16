using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Conformance;

/// <summary>Payment sessions on the ledger: the lifecycle, every session rule broken once, races, restart and replay.</summary>
public abstract partial class LedgerConformanceTests
{
    private const ulong Deposit = 500_000;

    private static PrivateKey Payee => TestChain.Key("session-payee");

    private static PrivateKey OtherPayee => TestChain.Key("session-other-payee");

    private static PrivateKey SessionKey => TestChain.Key("session-key");

    private ulong NowSeconds => (ulong)Time.GetUtcNow().ToUnixTimeSeconds();

    [StoreFact]
    public async Task Session_OpenClaimTopUpClose_PaysExactlyAndCommitsToTheStateRoot()
    {
        var ledger = await OpenAsync();
        var s = new SessionTxs(Chain);
        var fee = Chain.MinFee.Utia;
        var payer = Chain.Wallets[0];
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 3600);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        var id = open.TxId;

        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 100_000, 3), 0))).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(s.TopUp(0, 1, id, 200_000, NowSeconds + 7200))).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 700_000, 7), 100_000, outputOverride: 550_000 - fee))).IsAccepted.ShouldBeTrue("a voucher authorizes up to its amount: the payee claims what it charged");
        var session = (await ledger.GetSessionAsync(id))!;
        session.ShouldBe(new SessionState(id, payer.PublicKey, Payee.PublicKey, SessionKey.PublicKey, NowSeconds + 7200, Amount.FromUtia(700_000), Amount.FromUtia(650_000), 7, false));
        await ledger.SealAsync();

        var close = SessionTxs.Close(Payee, id, SessionTxs.Voucher(SessionKey, id, 680_000, 9), Payee.PublicKey, 30_000, payer.PublicKey, 20_000);
        (await ledger.ApplyAsync(close)).IsAccepted.ShouldBeTrue();
        var closed = (await ledger.GetSessionAsync(id))!;
        closed.Closed.ShouldBeTrue();
        closed.Claimed.ShouldBe(Amount.FromUtia(680_000));

        (await ledger.GetBalanceAsync(new Address(Payee.PublicKey))).Utia.ShouldBe(680_000 - (2 * fee));
        (await ledger.GetBalanceAsync(Chain.WalletAddress(0))).Utia.ShouldBe((4 * 1_000_000UL) - 700_000 - (2 * fee) + 20_000);
        (await ledger.GetBalanceAsync(Chain.FeeAddress)).Utia.ShouldBe(4 * fee);
        (await StoreInspector.TotalUnspentAsync(Target)).ShouldBe(Chain.Genesis.TotalAllocated, "every utia locked came back out");

        var sealedBlock = await ledger.SealAsync();
        sealedBlock.Header.StateRoot.ShouldBe(await StoreInspector.StateRootAsync(Target));
        (await StoreInspector.SessionsAsync(Target))[id].ShouldBe(closed);
    }

    [StoreFact]
    public async Task Session_EachRuleBrokenOnce_RejectsWithItsCodeAndChangesNothing()
    {
        var ledger = await OpenAsync();
        var s = new SessionTxs(Chain);
        var payer = Chain.Wallets[0];
        var stranger = Chain.Wallets[2];
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 3600);
        var other = s.Open(1, 0, OtherPayee.PublicKey, TestChain.Key("other-session-key").PublicKey, Deposit, NowSeconds + 3600);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(other)).IsAccepted.ShouldBeTrue();
        var id = open.TxId;
        var claim = s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 100_000, 5), 0);
        (await ledger.ApplyAsync(claim)).IsAccepted.ShouldBeTrue();
        var closedOpen = s.Open(0, 2, Payee.PublicKey, SessionKey.PublicKey, 1_000, NowSeconds + 3600);
        (await ledger.ApplyAsync(closedOpen)).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(SessionTxs.Close(payer, closedOpen.TxId, null, Payee.PublicKey, 0, payer.PublicKey, 1_000))).IsAccepted.ShouldBeTrue();
        var before = await SnapshotAsync(ledger);
        var sessionBefore = await ledger.GetSessionAsync(id);

        var forged = SessionTxs.Voucher(SessionKey, id, 200_000, 6).ToArray();
        forged[^1] ^= 1;
        var cases = new (string Code, Transaction Tx)[]
        {
            ("claim-not-forward", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 100_000, 5), 0, outputOverride: 50_000)),
            ("claim-exceeds-voucher", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 90_000, 6), 100_000, outputOverride: 1)),
            ("claim-not-forward", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 150_000, 4), 100_000)),
            ("voucher-exceeds-deposit", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, Deposit + 1, 6), 100_000)),
            ("bad-voucher-signature", s.Claim(Payee, SignedVoucher.Read(forged), 100_000)),
            ("bad-voucher-signature", s.Claim(Payee, SessionTxs.Voucher(TestChain.Key("other-session-key"), id, 200_000, 6), 100_000)),
            ("bad-voucher-signature", s.Claim(OtherPayee, SessionTxs.Voucher(SessionKey, other.TxId, 200_000, 6), 0)),
            ("not-session-payee", s.Claim(OtherPayee, SessionTxs.Voucher(SessionKey, id, 200_000, 6), 100_000)),
            ("claim-exceeds-voucher", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 200_000, 6), 100_000, outputOverride: 100_000)),
            ("claim-exceeds-voucher", SessionTxs.Close(Payee, id, SessionTxs.Voucher(SessionKey, id, 200_000, 6), Payee.PublicKey, 100_001, payer.PublicKey, Deposit - 200_001)),
            ("claim-exceeds-voucher", SessionTxs.Close(Payee, id, null, Payee.PublicKey, 1, payer.PublicKey, Deposit - 100_001)),
            ("session-not-found", s.Claim(Payee, SessionTxs.Voucher(SessionKey, Hash32.Compute("nothing"u8), 200_000, 6), 0)),
            ("session-closed", s.Claim(Payee, SessionTxs.Voucher(SessionKey, closedOpen.TxId, 500, 1), 0, outputOverride: 490)),
            ("session-closed", s.TopUp(0, 1, closedOpen.TxId, 10)),
            ("not-session-payer", s.TopUp(2, 0, id, 10)),
            ("bad-session-terms", s.TopUp(0, 1, id, 10, expiry: NowSeconds + 10)),
            ("session-not-expired", SessionTxs.Reclaim(payer, id, Deposit - 100_000)),
            ("not-session-payer", SessionTxs.Reclaim(stranger, id, Deposit - 100_000)),
            ("not-session-payer", SessionTxs.Close(stranger, id, null, Payee.PublicKey, 0, payer.PublicKey, Deposit - 100_000)),
            ("value-mismatch", SessionTxs.Close(payer, id, null, Payee.PublicKey, 0, payer.PublicKey, Deposit)),
            ("value-mismatch", SessionTxs.Close(payer, id, null, stranger.PublicKey, 0, stranger.PublicKey, Deposit - 100_000)),
            ("voucher-exceeds-deposit", SessionTxs.Close(Payee, id, SessionTxs.Voucher(SessionKey, id, Deposit + 1, 9), Payee.PublicKey, Deposit - 100_000, payer.PublicKey, 0)),
            ("bad-voucher-signature", SessionTxs.Close(Payee, id, SignedVoucher.Read(forged), Payee.PublicKey, 100_000, payer.PublicKey, Deposit - 200_000)),
            ("session-expired", s.Open(0, 1, Payee.PublicKey, SessionKey.PublicKey, 10, NowSeconds)),
            ("value-mismatch", new TransactionBuilder(TestChain.ChainId).WithSessionOpen(new SessionOpenTerms(Payee.PublicKey, SessionKey.PublicKey, NowSeconds + 60, Amount.FromUtia(10)))
                .AddInput(Chain.Allocation(0, 1)).AddOutput(Chain.WalletAddress(0), Amount.FromUtia(1_000_000 - 10)).WithFee(Chain.MinFee).Sign(payer)),
            ("bad-session-terms", s.Open(0, 1, payer.PublicKey, SessionKey.PublicKey, 10, NowSeconds + 60)),
            ("bad-session-terms", s.Open(0, 1, Payee.PublicKey, SessionKey.PublicKey, 10, 0)),
            ("bad-voucher", s.Claim(Payee, SessionTxs.Voucher(SessionKey, id, 200_000, 0), 100_000)),
            ("unexpected-fee", new TransactionBuilder(TestChain.ChainId).WithSessionReclaim(id).WithFee(Chain.MinFee).Sign(payer)),
            ("fee-too-low", new TransactionBuilder(TestChain.ChainId).WithSessionClaim(SessionTxs.Voucher(SessionKey, id, 200_000, 6))
                .AddOutput(new Address(Payee.PublicKey), Amount.FromUtia(100_000)).Sign(Payee)),
        };

        foreach (var (code, tx) in cases)
        {
            var result = await ledger.ApplyAsync(tx);
            result.IsAccepted.ShouldBeFalse($"expected {code}");
            result.Code.ShouldBe(code, result.Detail);
            (await SnapshotAsync(ledger)).ShouldBe(before, $"outputs changed by a rejected transaction ({code})");
            (await ledger.GetSessionAsync(id)).ShouldBe(sessionBefore, $"session changed by a rejected transaction ({code})");
        }

        (await ledger.ApplyAsync(claim)).AlreadyApplied.ShouldBeTrue("resubmitting the same claim returns its receipt and pays nothing more");
        (await ledger.GetBalanceAsync(new Address(Payee.PublicKey))).Utia.ShouldBe(100_000 - Chain.MinFee.Utia);
    }

    [StoreFact]
    public async Task Session_TwoClaimsRacing_OnlyOnePays()
    {
        var ledger = await OpenAsync();
        var s = new SessionTxs(Chain);
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 3600);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        var claims = Enumerable.Range(1, 8).Select(i => s.Claim(Payee, SessionTxs.Voucher(SessionKey, open.TxId, (ulong)i * 10_000, (ulong)i), 0)).ToList();

        var results = await Task.WhenAll(claims.Select(c => ledger.ApplyAsync(c)));

        results.Count(r => r.IsAccepted).ShouldBe(1);
        results.Where(r => !r.IsAccepted).ShouldAllBe(r => r.Code == "claim-not-forward" || r.Code == "claim-exceeds-voucher");
        var session = (await ledger.GetSessionAsync(open.TxId))!;
        (await ledger.GetBalanceAsync(new Address(Payee.PublicKey))).Utia.ShouldBe(session.Claimed.Utia - Chain.MinFee.Utia);

        // An older voucher after a newer one is refused.
        var old = s.Claim(Payee, SessionTxs.Voucher(SessionKey, open.TxId, session.Claimed.Utia - 1, Math.Max(1, session.Counter - 1)), 0, outputOverride: 1);
        (await ledger.ApplyAsync(old)).Code.ShouldBe("claim-not-forward");
    }

    [StoreFact]
    public async Task Session_CloseRacingClaim_PaysThePayeeOnceAndConservesValue()
    {
        var ledger = await OpenAsync();
        var s = new SessionTxs(Chain);
        var payer = Chain.Wallets[0];
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 3600);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        var voucher = SessionTxs.Voucher(SessionKey, open.TxId, 120_000, 4);
        var claim = s.Claim(Payee, voucher, 0);
        var close = SessionTxs.Close(payer, open.TxId, voucher, Payee.PublicKey, 120_000, payer.PublicKey, Deposit - 120_000);

        var results = await Task.WhenAll(ledger.ApplyAsync(claim), ledger.ApplyAsync(close));

        results.Count(r => r.IsAccepted).ShouldBeGreaterThanOrEqualTo(1);
        var paidToPayee = (await ledger.GetBalanceAsync(new Address(Payee.PublicKey))).Utia;
        paidToPayee.ShouldBeOneOf(120_000UL, 120_000UL - Chain.MinFee.Utia);
        if (!results[1].IsAccepted)
        {
            results[1].Code.ShouldBe("claim-exceeds-voucher");
            (await ledger.ApplyAsync(SessionTxs.Close(payer, open.TxId, voucher, Payee.PublicKey, 0, payer.PublicKey, Deposit - 120_000))).IsAccepted.ShouldBeTrue();
        }

        (await ledger.GetSessionAsync(open.TxId))!.Closed.ShouldBeTrue();
        (await StoreInspector.TotalUnspentAsync(Target)).ShouldBe(Chain.Genesis.TotalAllocated);
    }

    [StoreFact]
    public async Task Session_ReclaimAfterExpiry_ReturnsWhatWasNeverClaimed()
    {
        var ledger = await OpenAsync();
        var s = new SessionTxs(Chain);
        var payer = Chain.Wallets[0];
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 60);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, open.TxId, 70_000, 1), 0))).IsAccepted.ShouldBeTrue();
        var reclaim = SessionTxs.Reclaim(payer, open.TxId, Deposit - 70_000);
        (await ledger.ApplyAsync(reclaim)).Code.ShouldBe("session-not-expired");
        (await ledger.ApplyAsync(s.TopUp(0, 1, open.TxId, 5))).IsAccepted.ShouldBeTrue();

        Time.Advance(TimeSpan.FromSeconds(60));
        (await ledger.ApplyAsync(s.TopUp(0, 2, open.TxId, 5))).Code.ShouldBe("session-expired");
        (await ledger.ApplyAsync(reclaim)).Code.ShouldBe("value-mismatch", "the top-up added 5");
        (await ledger.ApplyAsync(SessionTxs.Reclaim(payer, open.TxId, Deposit + 5 - 70_000))).IsAccepted.ShouldBeTrue();

        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, open.TxId, 80_000, 2), 70_000))).Code.ShouldBe("session-closed", "a voucher after the reclaim");
        (await StoreInspector.TotalUnspentAsync(Target)).ShouldBe(Chain.Genesis.TotalAllocated);
    }

    [StoreFact]
    public async Task Session_ReopenAndReplay_RebuildTheSameSessionsAndRoots()
    {
        var options = Chain.Options(Target, Time);
        var ledger = await OpenAsync(options);
        var s = new SessionTxs(Chain);
        var payer = Chain.Wallets[0];
        var open = s.Open(0, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 60);
        var second = s.Open(1, 0, Payee.PublicKey, SessionKey.PublicKey, Deposit, NowSeconds + 600);
        (await ledger.ApplyAsync(open)).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(second)).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(6));
        await ledger.SealAsync();
        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, open.TxId, 10_000, 1), 0))).IsAccepted.ShouldBeTrue();
        (await ledger.ApplyAsync(s.TopUp(1, 1, second.TxId, 1_000))).IsAccepted.ShouldBeTrue();
        Time.Advance(TimeSpan.FromSeconds(60));
        (await ledger.ApplyAsync(SessionTxs.Reclaim(payer, open.TxId, Deposit - 10_000))).IsAccepted.ShouldBeTrue();
        await ledger.SealAsync();

        // Unsealed session transactions at the restart: the loader rebuilds them into the pending block.
        (await ledger.ApplyAsync(s.Claim(Payee, SessionTxs.Voucher(SessionKey, second.TxId, 20_000, 3), 0))).IsAccepted.ShouldBeTrue();
        var expected = new Dictionary<Hash32, SessionState?>
        {
            [open.TxId] = await ledger.GetSessionAsync(open.TxId),
            [second.TxId] = await ledger.GetSessionAsync(second.TxId),
        };
        await ReopenAsync(ledger);
        var reopened = await OpenAsync(options);
        foreach (var (id, state) in expected)
        {
            (await reopened.GetSessionAsync(id)).ShouldBe(state);
        }

        Time.Advance(TimeSpan.FromSeconds(6));
        var last = await reopened.SealAsync();
        last.Header.StateRoot.ShouldBe(await StoreInspector.StateRootAsync(Target));

        // Replaying the blocks into a fresh store rebuilds the same sessions and the same headers.
        var blocks = new List<Block>();
        for (ulong h = 1; h <= last.Height; h++)
        {
            blocks.Add((await reopened.GetFullBlockAsync(h))!);
        }

        var replicaOptions = Chain.Options(NewTarget(), Time, withBridge: false);
        replicaOptions.SequencerKey = null;
        replicaOptions.GenesisBlockHeader = (await reopened.GetHeaderAsync(0))!;
        var replica = await OpenAsync(replicaOptions);
        foreach (var block in blocks)
        {
            (await replica.ApplySealedBlockAsync(block, "da-" + block.Height)).Hash.ShouldBe(block.Hash);
        }

        foreach (var (id, state) in expected)
        {
            (await replica.GetSessionAsync(id)).ShouldBe(state);
        }
    }
}
