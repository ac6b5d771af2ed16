using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>A payment no permission covers yet, as <see cref="PermissionRequestHandler"/> sees it.</summary>
/// <param name="App">The paying app (named client), if any.</param>
/// <param name="Origin">The origin of the API called (<c>scheme://host:port</c>).</param>
/// <param name="PayTo">The provider's address.</param>
/// <param name="Resource">The resource being paid for.</param>
/// <param name="Price">The price asked (fee excluded).</param>
/// <param name="Fee">The chain's fee on top.</param>
public sealed record PermissionRequest(string? App, string Origin, Address PayTo, string Resource, Amount Price, Amount Fee);
