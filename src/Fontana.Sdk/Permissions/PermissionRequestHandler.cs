namespace Fontana.Sdk.Permissions;

/// <summary>
/// Asked (once per provider, before anything is signed) when a payment is to a provider no permission covers: a person
/// or a policy decides. Set it as <c>FontanaPayerOptions.OnPermissionRequest</c>.
/// </summary>
/// <param name="request">The payment asking.</param>
/// <param name="cancellationToken">The call's cancellation.</param>
/// <returns>Grant, grant with limits, or deny.</returns>
public delegate ValueTask<PermissionDecision> PermissionRequestHandler(PermissionRequest request, CancellationToken cancellationToken);
