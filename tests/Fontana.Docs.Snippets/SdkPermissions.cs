// begin-snippet: sdk-permissions
using Fontana.Core;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkPermissions
{
    public static FontanaPayerOptions Configure(FontanaPayer payer, Address provider, Address address)
    {
        // begin-snippet: sdk-permissions
        payer.Permissions.Grant(PermissionScope.ForPayTo(provider), new SpendingLimits { PerDay = Amount.Parse("1 TIA") });
        var options = new FontanaPayerOptions
        {
            WalletPath = "wallet.key",
            Store = WalletStore.OpenSqlite(WalletStore.DefaultPathFor("wallet.key"), address),
            OnPermissionRequest = (request, ct) => ValueTask.FromResult(
                request.Price <= Amount.FromUtia(1_000) ? PermissionDecision.GrantWithLimits(new SpendingLimits { Total = Amount.Parse("0.1 TIA") })
                                                        : PermissionDecision.Deny("too expensive")),
        };
        // end-snippet
        return options;
    }
}
