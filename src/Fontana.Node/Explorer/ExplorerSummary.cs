using Fontana.Core.Api;

namespace Fontana.Node.Explorer;

/// <summary><c>GET /explorer/api/summary</c>: what the dashboard shows at a glance, newest block first.</summary>
internal sealed record ExplorerSummary(
    string ChainId,
    string Network,
    string GenesisHash,
    string SequencerPublicKey,
    long BlockIntervalMs,
    HeaderDto Tip,
    IReadOnlyList<ExplorerBlockSummary> Blocks,
    ExplorerDaSummary Da,
    IReadOnlyList<WithdrawalDto> PendingWithdrawals);

/// <summary>One recent block: enough for the block list and the charts (tx/s, block fill, DA lag).</summary>
internal sealed record ExplorerBlockSummary(ulong Height, string Hash, ulong Timestamp, uint TxCount, string DaStatus, string? DaReference);

/// <summary>The DA poster's state: blocks waiting to be posted and whether the alert is raised.</summary>
internal sealed record ExplorerDaSummary(long Backlog, bool Alert);
