using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Store;
using Fontana.Sdk.Utxos;

namespace Fontana.Sdk.Payments;

/// <summary>
/// Settings of a paying client (<see cref="FontanaPayer"/>, <see cref="PaymentHandler"/>). Bind from configuration
/// section <c>Fontana:Payments</c> or set in code; <see cref="Validate"/> names the offending key.
/// </summary>
public sealed class FontanaPayerOptions
{
    /// <summary>The node that holds the wallet's outputs and confirms splits (default <c>http://127.0.0.1:5080/</c>).</summary>
    public Uri NodeUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>The wallet's signing key. One of <see cref="SigningKey"/>, <see cref="Wallet"/> or <see cref="WalletPath"/> is required.</summary>
    public PrivateKey? SigningKey { get; set; }

    /// <summary>An opened wallet to pay from (the caller keeps ownership).</summary>
    public Wallet.WalletKeyFile? Wallet { get; set; }

    /// <summary>A wallet key file to open (BRIEF §3: 0600, optionally passphrase-encrypted); the payer owns it.</summary>
    public string? WalletPath { get; set; }

    /// <summary>Passphrase of an encrypted <see cref="WalletPath"/>.</summary>
    public string? WalletPassphrase { get; set; }

    /// <summary>Most a single call may cost (price, fee excluded); a dearer 402 is refused with <c>price-too-high</c>.
    /// Default 0.01 TIA.</summary>
    public Amount MaxPricePerCall { get; set; } = Amount.FromUtia(10_000);

    /// <summary>How long a call waits for an output of the wallet to come free (default 30 s).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a split transaction may take to be confirmed by the node (default 30 s).</summary>
    public TimeSpan ConfirmationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the wallet's outputs are re-read from the node (default 30 s; zero turns it off).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Listen on the node's <c>/v1/stream</c> WebSocket for activity on the wallet's address and refresh when
    /// someone else moves its coins (default true).</summary>
    public bool UseStream { get; set; } = true;

    /// <summary>Check the sequencer's signature on every receipt (default true).</summary>
    public bool VerifyReceipts { get; set; } = true;

    /// <summary>How many times a payment whose coin turned out spent is retried with another coin (default 3).</summary>
    public int MaxInputSpentRetries { get; set; } = 3;

    /// <summary>One request per call to the same URL (default true): each paid request asks the provider for the next
    /// call's challenge (<c>FONTANA-NEXT-CHALLENGE</c>), and the next call of the same method and URL pays it at once
    /// instead of first collecting a 402. Each handed-out challenge is used once; one the provider refuses before
    /// settling (used, repriced, expired) costs nothing and is replaced by the refusal's fresh challenge
    /// (docs/x402.md, "One request per call"). Not used while <see cref="Sessions"/> is enabled: the session handler
    /// chooses between a voucher and <c>exact</c> from each 402.</summary>
    public bool PrefetchChallenges { get; set; } = true;

    /// <summary>How just-in-time splits size their outputs.</summary>
    public SplitStrategy SplitStrategy { get; set; } = new();

    /// <summary>The paying app's name (the named client): payments also count against the <c>app:NAME</c> scope's
    /// permission and budget. Default: none (<c>AddFontanaPayments</c> uses the client's name).</summary>
    public string? AppName { get; set; }

    /// <summary>Permissions and budgets to enforce before signing. Default: a policy of this payer alone, allowing
    /// providers no permission covers unless <see cref="OnPermissionRequest"/> is set.</summary>
    public SpendingPolicy? SpendingPolicy { get; set; }

    /// <summary>The durable wallet store (caller-owned) to record every payment in before it is sent, with its outcome
    /// and receipts, and to keep permissions and spend counters in. Default: none (memory only).</summary>
    public WalletStore? Store { get; set; }

    /// <summary>With a <see cref="Store"/>: lease each coin in the store before spending it, so that several processes
    /// (or payers) paying from the same wallet through the same store never pick the same coin (default true).</summary>
    public bool ShareOutputsThroughStore { get; set; } = true;

    /// <summary>With a shared store: how long this process's coin leases outlive its last heartbeat (renewed every third
    /// of it while the payer lives, so a live process's leases never lapse), and how long new outputs of its own
    /// transactions stay reserved to it. A process killed with SIGKILL frees its coins for the others this long after its
    /// last heartbeat (coins of payments still unresolved once the monitor has settled them). Default 15 seconds.</summary>
    public TimeSpan CoinLeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The background monitor run when <see cref="Store"/> is set: final receipts checked, payments of unknown
    /// outcome resolved, outputs refreshed when idle (<see cref="WalletMonitorOptions"/>; <c>Enabled = false</c> turns it off).</summary>
    public WalletMonitorOptions Monitor { get; set; } = new();

    /// <summary>Asked, once per provider, before paying a provider no permission covers: grant, grant with limits, or
    /// deny; the answer is kept. Default: none (such providers follow <see cref="SpendingPolicy.DefaultAccess"/>).</summary>
    public PermissionRequestHandler? OnPermissionRequest { get; set; }

    /// <summary>Payment sessions opened by the payer itself with providers that offer them (default off).</summary>
    public Sessions.PaymentSessionOptions Sessions { get; set; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Sessions?.Validate();
        if (NodeUrl is null || !NodeUrl.IsAbsoluteUri || (NodeUrl.Scheme != Uri.UriSchemeHttp && NodeUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Fontana:Payments:NodeUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:5080/");
        }

        if (SigningKey is null && Wallet is null && string.IsNullOrWhiteSpace(WalletPath))
        {
            throw new ArgumentException("Fontana:Payments:WalletPath (or SigningKey / Wallet in code) is required: the wallet that pays");
        }

        if (MaxPricePerCall.IsZero)
        {
            throw new ArgumentException("Fontana:Payments:MaxPricePerCall must be more than 0");
        }

        if (LockTimeout <= TimeSpan.Zero || ConfirmationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Fontana:Payments:LockTimeout and ConfirmationTimeout must be positive");
        }

        if (RefreshInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("Fontana:Payments:RefreshInterval must not be negative (zero turns refreshing off)");
        }

        if (MaxInputSpentRetries is < 0 or > 100)
        {
            throw new ArgumentException("Fontana:Payments:MaxInputSpentRetries must be between 0 and 100");
        }

        if (CoinLeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("Fontana:Payments:CoinLeaseDuration must be at least 1 second");
        }

        ArgumentNullException.ThrowIfNull(Monitor, "Fontana:Payments:Monitor");
        Monitor.Validate();
        ArgumentNullException.ThrowIfNull(SplitStrategy, "Fontana:Payments:SplitStrategy");
        SplitStrategy.Validate();
    }
}
