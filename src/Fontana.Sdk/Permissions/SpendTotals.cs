using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>What a scope has spent (price + fee of settled payments), and what calls in flight have reserved.</summary>
/// <param name="Scope">The scope.</param>
/// <param name="Total">Spent in total.</param>
/// <param name="ThisHour">Spent in the current UTC hour.</param>
/// <param name="Today">Spent in the current UTC day.</param>
/// <param name="InFlight">Reserved by payments being made or whose outcome is not known yet.</param>
public sealed record SpendTotals(PermissionScope Scope, Amount Total, Amount ThisHour, Amount Today, Amount InFlight);
