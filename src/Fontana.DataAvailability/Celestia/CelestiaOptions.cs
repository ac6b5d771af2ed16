namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Connection to a celestia-node (bridge or light node) JSON-RPC endpoint, bound from <c>DataAvailability:Celestia</c>.
/// Validate with <see cref="Validate"/>: each error names its key.
/// </summary>
public sealed class CelestiaOptions
{
    /// <summary>Default <see cref="MaxTxSize"/>: 2 MiB, the limit of celestia-app before v4 and safe on every network
    /// (celestia-app v4+ — mainnet and mocha today — allows 8 MiB: <c>pkg/appconsts/app_consts.go</c> <c>MaxTxSize</c>).</summary>
    public const int DefaultMaxTxSize = 2 * 1024 * 1024;

    /// <summary>Bytes of a blob transaction that are not blob data (PFB message, signature, fee, per-blob framing):
    /// reserved below <see cref="MaxTxSize"/>.</summary>
    public const int TxOverheadReserveBytes = 32 * 1024;

    /// <summary>celestia-node RPC address (http or https). Default <c>http://127.0.0.1:26658</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:26658";

    /// <summary>The node's JWT (<c>celestia &lt;type&gt; auth write</c>), sent as <c>Authorization: Bearer</c>. Needs write permission to post.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The 10-byte id of the version-0 namespace, 20 hex characters (the namespace is 0x00 ‖ 18 zero bytes ‖ id).</summary>
    public string NamespaceId { get; set; } = "";

    /// <summary>The network's largest transaction in bytes (celestia-app <c>MaxTxSize</c>; a <c>blob.Submit</c> is one
    /// PayForBlobs transaction). Default 2,097,152 (2 MiB, safe everywhere); set 8388608 on networks running
    /// celestia-app v4 or later. Blob sizes below derive from it.</summary>
    public int MaxTxSize { get; set; } = DefaultMaxTxSize;

    /// <summary>Largest blob (envelope header included); a bigger block is split into several blobs.
    /// Default null: <see cref="MaxTxSize"/> − <see cref="TxOverheadReserveBytes"/>.</summary>
    public int? MaxBlobBytes { get; set; }

    /// <summary>Most blob bytes in one <c>blob.Submit</c>. Default null: <see cref="MaxTxSize"/> − <see cref="TxOverheadReserveBytes"/>.</summary>
    public int? MaxSubmitBytes { get; set; }

    /// <summary>The blob limit in force.</summary>
    public int EffectiveMaxBlobBytes => MaxBlobBytes ?? (MaxTxSize - TxOverheadReserveBytes);

    /// <summary>The submit limit in force.</summary>
    public int EffectiveMaxSubmitBytes => MaxSubmitBytes ?? (MaxTxSize - TxOverheadReserveBytes);

    /// <summary>Timeout of one RPC call; <c>blob.Submit</c> returns only once the blobs are included, so allow a few Celestia blocks. Default 90 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gas price in utia per gas unit, more than 0; sent with <c>is_gas_price_set: true</c> (celestia-node
    /// ignores a price without it). Default null: the node estimates (<see cref="TxPriority"/>, capped by <see cref="MaxGasPrice"/>).</summary>
    public double? GasPrice { get; set; }

    /// <summary>Highest gas price (utia per gas) to accept from the node's estimate; celestia-node checks it only against
    /// its estimated price, never against <see cref="GasPrice"/>. Default null: the node's default cap.</summary>
    public double? MaxGasPrice { get; set; }

    /// <summary>Which gas price the node estimates when <see cref="GasPrice"/> is unset (celestia-node
    /// <c>state/txclient/tx_config.go</c> <c>TxPriority</c>). Default null: the node's default (medium).</summary>
    public CelestiaTxPriority? TxPriority { get; set; }

    /// <summary>Gas limit; null lets the node estimate.</summary>
    public ulong? GasLimit { get; set; }

    /// <summary>Key of the node's keyring that pays for blobs; null uses the node's default key.</summary>
    public string? KeyName { get; set; }

    /// <summary>Address (celestia1…) of the node's keyring that pays for blobs; takes priority over <see cref="KeyName"/>.</summary>
    public string? SignerAddress { get; set; }

    /// <summary>Account that pays the fees through a fee grant; null when the signer pays.</summary>
    public string? FeeGranterAddress { get; set; }

    /// <summary>After each submit, read the height back with <c>blob.GetAll</c> and check our blobs and commitments are there. Default true.</summary>
    public bool VerifyAfterSubmit { get; set; } = true;

    /// <summary>Celestia heights fetched in parallel while scanning (recovery). Default 4.</summary>
    public int ScanConcurrency { get; set; } = 4;

    /// <summary>Attempts per Celestia height while scanning before a transient error (node unreachable, syncing, a
    /// header not found yet) stops the scan naming the height. Default 8.</summary>
    public int ScanAttemptsPerHeight { get; set; } = 8;

    /// <summary>First pause between two attempts at one height while scanning, doubled each attempt up to 30 s. Default 1 s.</summary>
    public TimeSpan ScanRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Errors naming the configuration key (prefix <paramref name="section"/>), empty when valid.</summary>
    public IReadOnlyList<string> Validate(string section = "DataAvailability:Celestia")
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{section}:Url must be an absolute http:// or https:// URL (got \"{Url}\")");
        }

        if (AuthToken is not null && (AuthToken.Length == 0 || AuthToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors.Add($"{section}:AuthToken must be a non-empty token without spaces");
        }

        if (CelestiaNamespace.TryFromIdHex(NamespaceId, out var nsError) is null)
        {
            errors.Add($"{section}:NamespaceId {nsError} (got \"{NamespaceId}\")");
        }

        if (MaxTxSize < TxOverheadReserveBytes + 1024 || MaxTxSize > 128 * 1024 * 1024)
        {
            errors.Add($"{section}:MaxTxSize must be between {TxOverheadReserveBytes + 1024} and 134217728 bytes (got {MaxTxSize})");
        }

        var room = MaxTxSize - TxOverheadReserveBytes;
        var blobValid = EffectiveMaxBlobBytes >= 128 && EffectiveMaxBlobBytes <= room;
        if (!blobValid)
        {
            errors.Add($"{section}:MaxBlobBytes must be between 128 and MaxTxSize - {TxOverheadReserveBytes} = {room} (got {EffectiveMaxBlobBytes})");
        }

        // Judged against MaxBlobBytes only when that one is valid, so one bad value gives one error.
        var submitFloor = blobValid ? EffectiveMaxBlobBytes : 128;
        if (EffectiveMaxSubmitBytes < submitFloor || EffectiveMaxSubmitBytes > room)
        {
            errors.Add($"{section}:MaxSubmitBytes must be between MaxBlobBytes and MaxTxSize - {TxOverheadReserveBytes} = {room} (got {EffectiveMaxSubmitBytes})");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:RequestTimeout must be more than 0 and at most 1 hour (got {RequestTimeout})");
        }

        if (GasPrice is { } price && !(price > 0 && double.IsFinite(price)))
        {
            errors.Add($"{section}:GasPrice must be more than 0 utia per gas (got {price}); leave it unset to let the node estimate");
        }

        if (MaxGasPrice is { } max && !(max > 0 && double.IsFinite(max)))
        {
            errors.Add($"{section}:MaxGasPrice must be more than 0 utia per gas (got {max})");
        }

        if (TxPriority is { } priority && !Enum.IsDefined(priority))
        {
            errors.Add($"{section}:TxPriority must be Low, Medium or High (got {priority})");
        }

        if (ScanAttemptsPerHeight is < 1 or > 1000)
        {
            errors.Add($"{section}:ScanAttemptsPerHeight must be between 1 and 1000 (got {ScanAttemptsPerHeight})");
        }

        if (ScanRetryDelay <= TimeSpan.Zero || ScanRetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{section}:ScanRetryDelay must be more than 0 and at most 5 minutes (got {ScanRetryDelay})");
        }

        if (ScanConcurrency is < 1 or > 64)
        {
            errors.Add($"{section}:ScanConcurrency must be between 1 and 64 (got {ScanConcurrency})");
        }

        return errors;
    }

    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }
    }
}
