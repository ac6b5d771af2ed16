using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Permissions;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Permissions;

/// <summary>The policy alone, with time driven by a <see cref="FakeTimeProvider"/>.</summary>
public class SpendingPolicyTests
{
    private static readonly Address PayTo = new(PrivateKey.Generate().PublicKey);
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task Authorize_PerHourLimit_RefusedWithinTheHourAllowedInTheNext()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 30, 0, TimeSpan.Zero));
        var policy = new SpendingPolicy(time);
        policy.Grant(PermissionScope.ForPayTo(PayTo), new SpendingLimits { PerHour = Amount.FromUtia(2_000) });

        (await policy.AuthorizeAsync(Request(900), null, default)).Commit();
        (await policy.AuthorizeAsync(Request(900), null, default)).Commit();
        var refused = await Should.ThrowAsync<BudgetExceededException>(async () => await policy.AuthorizeAsync(Request(900), null, default));
        refused.Code.ShouldBe("budget-exceeded");
        refused.Limit.ShouldBe(LimitNames.PerHour);
        refused.Used.ShouldBe(Amount.FromUtia(1_800));

        time.Advance(TimeSpan.FromMinutes(30));
        (await policy.AuthorizeAsync(Request(900), null, default)).Commit();
        policy.GetSpent(PermissionScope.ForPayTo(PayTo)).Total.ShouldBe(Amount.FromUtia(2_700));
        policy.GetSpent(PermissionScope.ForPayTo(PayTo)).ThisHour.ShouldBe(Amount.FromUtia(900));
    }

    [Fact]
    public async Task Authorize_PermissionExpires_RefusedWithPermissionExpired()
    {
        var time = new FakeTimeProvider(Time.GetUtcNow());
        var policy = new SpendingPolicy(time);
        policy.Grant(PermissionScope.ForPayTo(PayTo), expiresAt: time.GetUtcNow().AddMinutes(10));
        (await policy.AuthorizeAsync(Request(100), null, default)).Release();

        time.Advance(TimeSpan.FromMinutes(10));

        var refused = await Should.ThrowAsync<PermissionExpiredException>(async () => await policy.AuthorizeAsync(Request(100), null, default));
        refused.Code.ShouldBe("permission-expired");
        refused.Scope.ShouldBe(PermissionScope.ForPayTo(PayTo));
    }

    [Fact]
    public async Task Authorize_ReleasedReservation_FreesTheBudget()
    {
        var policy = new SpendingPolicy(Time);
        policy.Grant(PermissionScope.ForOrigin(new Uri("http://api.test/x")), new SpendingLimits { Total = Amount.FromUtia(1_000) });

        var first = await policy.AuthorizeAsync(Request(1_000), null, default);
        await Should.ThrowAsync<BudgetExceededException>(async () => await policy.AuthorizeAsync(Request(1_000), null, default));
        first.Release();
        (await policy.AuthorizeAsync(Request(1_000), null, default)).Commit();
        policy.GetSpent(PermissionScope.ForOrigin(new Uri("http://api.test"))).Total.ShouldBe(Amount.FromUtia(1_000));
    }

    [Fact]
    public async Task Authorize_PerCallLimit_NamesPerCall()
    {
        var policy = new SpendingPolicy(Time);
        policy.Grant(PermissionScope.ForApp("agent"), new SpendingLimits { PerCall = Amount.FromUtia(500) });

        var refused = await Should.ThrowAsync<BudgetExceededException>(async () => await policy.AuthorizeAsync(Request(501, app: "agent"), null, default));

        refused.Limit.ShouldBe(LimitNames.PerCall);
        refused.Scope.ShouldBe(PermissionScope.ForApp("agent"));
        (await policy.AuthorizeAsync(Request(501, app: "other"), null, default)).Release();
    }

    [Fact]
    public async Task Authorize_DefaultDenyWithoutPermission_PermissionDenied()
    {
        var policy = new SpendingPolicy(Time) { DefaultAccess = PermissionAccess.Deny };

        var refused = await Should.ThrowAsync<PermissionDeniedException>(async () => await policy.AuthorizeAsync(Request(1), null, default));

        refused.Code.ShouldBe("permission-denied");
        policy.Grant(PermissionScope.ForPayTo(PayTo));
        (await policy.AuthorizeAsync(Request(1), null, default)).Release();
    }

    [Theory]
    [InlineData("payto:fnt1", false)]
    [InlineData("origin:ftp://x", false)]
    [InlineData("app:", false)]
    [InlineData("weird", false)]
    [InlineData("https://API.example.com:8443/path?q=1", true)]
    [InlineData("app:weather", true)]
    public void PermissionScope_TryParse_AcceptsOnlyWellFormedScopes(string text, bool ok)
    {
        PermissionScope.TryParse(text, out var scope, out var error).ShouldBe(ok);
        if (ok)
        {
            PermissionScope.Parse(scope.ToString()).ShouldBe(scope);
        }
        else
        {
            error.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void PermissionScope_Origin_IsNormalized()
    {
        PermissionScope.Parse("https://API.example.com:8443/path?q=1").ToString().ShouldBe("origin:https://api.example.com:8443");
        PermissionScope.Parse(PayTo.ToString()).ShouldBe(PermissionScope.ForPayTo(PayTo));
    }

    private static PermissionRequest Request(ulong utia, string? app = null) =>
        new(app, "http://api.test", PayTo, "http://api.test/x", Amount.FromUtia(utia), Amount.Zero);
}
