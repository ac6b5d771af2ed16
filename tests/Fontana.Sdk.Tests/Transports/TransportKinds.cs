using Fontana.Core.Api;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Sdk.Tests.Transports;

/// <summary>The three transports, each to a <see cref="LiveChain"/> node: the same tests run over every one.</summary>
internal static class TransportKinds
{
    public const string Http = "http";
    public const string WebSocket = "websocket";
    public const string InProcess = "inprocess";

    public static TheoryData<string> All => [Http, WebSocket, InProcess];

    public static INodeTransport Create(string kind, LiveChain chain) => kind switch
    {
        Http => new HttpNodeTransport(chain.BaseAddress),
        WebSocket => new WebSocketNodeTransport(chain.BaseAddress),
        InProcess => new InProcessNodeTransport(chain.App.Services.GetRequiredService<IInProcessNode>()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transport"),
    };
}
