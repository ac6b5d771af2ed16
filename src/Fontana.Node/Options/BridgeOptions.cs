namespace Fontana.Node.Options;

/// <summary><c>Fontana:Bridge</c>: the operator's bridge endpoints. They are never open without a key: when
/// <see cref="ApiKey"/> is empty every bridge request is answered 403 <c>unauthorized</c>.</summary>
public sealed class BridgeOptions
{
    /// <summary>The shared secret bridge callers send in <see cref="HeaderName"/>. At least 16 characters when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The request header carrying the key. Default <c>X-Fontana-Bridge-Key</c>.</summary>
    public string HeaderName { get; set; } = DefaultHeaderName;

    /// <summary>The default of <see cref="HeaderName"/>: <c>X-Fontana-Bridge-Key</c>.</summary>
    public const string DefaultHeaderName = "X-Fontana-Bridge-Key";

    /// <summary>Shortest accepted key.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The L1 daemons (deposit watcher, withdrawal processor): <c>Fontana:Bridge:L1</c>. Off unless
    /// <see cref="BridgeL1Options.VaultAddress"/> is set.</summary>
    public BridgeL1Options L1 { get; set; } = new();
}
