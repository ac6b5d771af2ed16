using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Options;

/// <summary>Applies <see cref="ApiOptions.MaxRequestBodyBytes"/> to Kestrel (the global cap; endpoints set lower ones).</summary>
internal sealed class KestrelLimitsSetup(IOptions<FontanaNodeOptions> node) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options) => options.Limits.MaxRequestBodySize = node.Value.Api.MaxRequestBodyBytes;
}
