using System.Net;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Permissions;

/// <summary>Permissions and budgets on real paid calls (in-test node and provider on Kestrel): refusals happen before
/// anything is signed, and budgets hold exactly under concurrency.</summary>
public sealed class PermissionEnforcementTests : IAsyncLifetime
{
    private PaidApiFixture _api = null!;

    private Amount CallCost => _api.Provider.Price + _api.Ledger.MinFee;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task PaidCalls_ThousandConcurrentAgainstHundredCallBudget_ExactlyHundredPaid()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(10));
        var (payer, http) = _api.CreatePayer();
        using var _ = payer;
        using var __ = http;
        payer.Permissions.Grant(PermissionScope.ForPayTo(_api.Provider.PayTo), new SpendingLimits { Total = CallCost * 100 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1_000).Select(async _ =>
        {
            try
            {
                using var response = await http.GetAsync(_api.Url("paid"));
                return response.StatusCode == HttpStatusCode.OK ? "ok" : "status";
            }
            catch (BudgetExceededException ex) when (ex.Limit == LimitNames.Total)
            {
                return "budget";
            }
        }));

        outcomes.Count(o => o == "ok").ShouldBe(100);
        outcomes.Count(o => o == "budget").ShouldBe(900);
        _api.Provider.PaidRequests.ShouldBe(100);
        _api.Ledger.BalanceOf(_api.Provider.PayTo).ShouldBe(_api.Provider.Price * 100);
        payer.Permissions.GetSpent(PermissionScope.ForPayTo(_api.Provider.PayTo)).Total.ShouldBe(CallCost * 100);
        payer.Permissions.GetSpent(PermissionScope.ForPayTo(_api.Provider.PayTo)).InFlight.ShouldBe(Amount.Zero);
    }

    [Fact]
    public async Task PaidCall_DeniedProvider_PermissionDeniedNothingSigned()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var (payer, http) = _api.CreatePayer();
        using var _ = payer;
        using var __ = http;
        payer.Permissions.Deny(PermissionScope.ForPayTo(_api.Provider.PayTo));

        var refused = await Should.ThrowAsync<PermissionDeniedException>(() => http.GetAsync(_api.Url("paid")));

        refused.Code.ShouldBe("permission-denied");
        _api.Provider.PaidRequests.ShouldBe(0);
        _api.Ledger.Submissions.ShouldBe(0);
        payer.LockedOutputs.ShouldBe(0);
        payer.AvailableFunds.ShouldBe(Amount.FromTia(1));
    }

    [Fact]
    public async Task PaidCall_ZeroBudget_BudgetExceededNothingSpent()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var (payer, http) = _api.CreatePayer(o => o.AppName = "agent");
        using var _ = payer;
        using var __ = http;
        payer.Permissions.Grant(PermissionScope.ForApp("agent"), new SpendingLimits { Total = Amount.Zero });

        var refused = await Should.ThrowAsync<BudgetExceededException>(() => http.GetAsync(_api.Url("paid")));

        refused.Limit.ShouldBe(LimitNames.Total);
        refused.Maximum.ShouldBe(Amount.Zero);
        refused.Scope.ShouldBe(PermissionScope.ForApp("agent"));
        _api.Provider.PaidRequests.ShouldBe(0);
        _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromTia(1));
    }

    [Fact]
    public async Task PaidCall_ExpiredPermission_PermissionExpiredNothingSpent()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var (payer, http) = _api.CreatePayer();
        using var _ = payer;
        using var __ = http;
        var now = TimeProvider.System.GetUtcNow();
        payer.Permissions.Set(new Permission(
            PermissionScope.ForOrigin(_api.Url("paid")), PermissionAccess.Allow, SpendingLimits.None, now.AddSeconds(-1), now.AddHours(-1), "code"));

        var refused = await Should.ThrowAsync<PermissionExpiredException>(() => http.GetAsync(_api.Url("paid")));

        refused.Code.ShouldBe("permission-expired");
        _api.Provider.PaidRequests.ShouldBe(0);
        _api.Ledger.BalanceOf(_api.WalletAddress).ShouldBe(Amount.FromTia(1));
    }

    [Fact]
    public async Task PaidCalls_HookGrantsWithLimits_AskedOnceLimitsEnforced()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var asked = 0;
        PermissionRequest? seen = null;
        var (payer, http) = _api.CreatePayer(o => o.OnPermissionRequest = (request, _) =>
        {
            Interlocked.Increment(ref asked);
            seen = request;
            return ValueTask.FromResult(PermissionDecision.GrantWithLimits(new SpendingLimits { PerDay = CallCost * 10 }));
        });
        using var _ = payer;
        using var __ = http;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                using var response = await http.GetAsync(_api.Url("paid"));
                return response.IsSuccessStatusCode;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        }));

        asked.ShouldBe(1);
        seen!.PayTo.ShouldBe(_api.Provider.PayTo);
        seen.Price.ShouldBe(_api.Provider.Price);
        outcomes.Count(ok => ok).ShouldBe(10);
        var kept = payer.Permissions.Get(PermissionScope.ForPayTo(_api.Provider.PayTo))!;
        kept.Source.ShouldBe("hook");
        kept.Limits.PerDay.ShouldBe(CallCost * 10);
    }

    [Fact]
    public async Task PaidCall_HookDenies_PermissionDeniedAndRemembered()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromTia(1));
        var asked = 0;
        var (payer, http) = _api.CreatePayer(o => o.OnPermissionRequest = (_, _) =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(PermissionDecision.Deny("not on the list"));
        });
        using var _ = payer;
        using var __ = http;

        await Should.ThrowAsync<PermissionDeniedException>(() => http.GetAsync(_api.Url("paid")));
        await Should.ThrowAsync<PermissionDeniedException>(() => http.GetAsync(_api.Url("paid")));

        asked.ShouldBe(1);
        _api.Provider.PaidRequests.ShouldBe(0);
    }
}
