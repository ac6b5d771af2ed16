namespace Fontana.Sdk.Marketplace;

/// <summary>Who runs the resources of a Fontana provider's discovery document (its <c>provider</c> object; x402 lists
/// from other servers have none).</summary>
/// <param name="PayTo">The provider's address.</param>
/// <param name="Network">Its network, <c>fontana:&lt;chainId&gt;</c>.</param>
/// <param name="ProviderKey">The key its challenges are signed with (hex), when given.</param>
/// <param name="LedgerUrl">The node it settles on, when given.</param>
public sealed record CatalogProvider(string? PayTo, string? Network, string? ProviderKey, string? LedgerUrl);
