namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Connection to a celestia-node (bridge or light node) JSON-RPC endpoint, bound from <c>DataAvailability:Celestia</c>.
/// Validate with <see cref="Validate"/>: each error names its key.
/// </summary>
public sealed class CelestiaOptions
{
    /// <summary>Default <see cref="MaxBlobBytes"/>: below celestia-app's ~1.97 MB default blob limit, envelope included.</summary>
    public const int DefaultMaxBlobBytes = 1_900_000;

    /// <summary>celestia-node RPC address (http or https). Default <c>http://127.0.0.1:26658</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:26658";

    /// <summary>The node's JWT (<c>celestia &lt;type&gt; auth write</c>), sent as <c>Authorization: Bearer</c>. Needs write permission to post.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The 10-byte id of the version-0 namespace, 20 hex characters (the namespace is 0x00 ‖ 18 zero bytes ‖ id).</summary>
    public string NamespaceId { get; set; } = "";

    /// <summary>Largest blob (envelope header included); a bigger block is split into several blobs. Default 1,900,000.</summary>
    public int MaxBlobBytes { get; set; } = DefaultMaxBlobBytes;

    /// <summary>Most blob bytes in one <c>blob.Submit</c> (one PayForBlobs transaction; celestia-app caps a transaction near 2 MiB). Default 1,900,000.</summary>
    public int MaxSubmitBytes { get; set; } = DefaultMaxBlobBytes;

    /// <summary>Timeout of one RPC call; <c>blob.Submit</c> returns only once the blobs are included, so allow a few Celestia blocks. Default 90 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gas price in utia per gas unit; null lets the node pick (its minimum / estimate).</summary>
    public double? GasPrice { get; set; }

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

        if (MaxBlobBytes < 128 || MaxBlobBytes > 64 * 1024 * 1024)
        {
            errors.Add($"{section}:MaxBlobBytes must be between 128 and 67108864 (got {MaxBlobBytes})");
        }

        if (MaxSubmitBytes < MaxBlobBytes)
        {
            errors.Add($"{section}:MaxSubmitBytes must be at least MaxBlobBytes (got {MaxSubmitBytes} < {MaxBlobBytes})");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{section}:RequestTimeout must be more than 0 and at most 1 hour (got {RequestTimeout})");
        }

        if (GasPrice is { } price && (double.IsNaN(price) || price < 0 || double.IsInfinity(price)))
        {
            errors.Add($"{section}:GasPrice must be 0 or more utia per gas (got {price})");
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
