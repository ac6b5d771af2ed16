using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fontana.DataAvailability.Tests.Support;

/// <summary>The celestia-node methods the fake serves.</summary>
internal sealed partial class FakeCelestiaNode
{
    private async Task DispatchAsync(HttpContext context, long id, string method, JsonElement p)
    {
        switch (method)
        {
            case "blob.Submit":
                FakeCelestiaWire.Arity(p, 2, method);
                if (p[0].ValueKind != JsonValueKind.Array || p[0].GetArrayLength() == 0)
                {
                    throw new WireViolation("blob.Submit takes a non-empty array of blobs");
                }

                var blobs = p[0].EnumerateArray().Select(FakeCelestiaWire.SubmittedBlob).ToList();
                FakeCelestiaWire.TxConfig(p[1]);
                ulong included;
                lock (_lock)
                {
                    included = ++_head;
                    _heights[included] = [.. blobs.Select(b => b with { Index = _nextShareIndex++ })];
                }

                await WriteResultAsync(context, id, w => w.WriteNumberValue(included));
                return;
            case "blob.GetAll":
                FakeCelestiaWire.Arity(p, 2, method);
                var height = FakeCelestiaWire.Height(p[0]);
                if (p[1].ValueKind != JsonValueKind.Array)
                {
                    throw new WireViolation("blob.GetAll takes an array of namespaces");
                }

                var namespaces = p[1].EnumerateArray().Select(FakeCelestiaWire.Namespace).ToList();
                if (await RejectFutureAsync(context, id, height))
                {
                    return;
                }

                var found = BlobsAt(height).Where(b => namespaces.Any(n => n.AsSpan().SequenceEqual(b.Namespace))).ToList();
                await WriteResultAsync(context, id, w =>
                {
                    if (found.Count == 0)
                    {
                        w.WriteNullValue(); // a Go nil slice
                        return;
                    }

                    w.WriteStartArray();
                    found.ForEach(b => FakeCelestiaWire.WriteBlob(w, b));
                    w.WriteEndArray();
                });
                return;
            case "blob.Get":
                FakeCelestiaWire.Arity(p, 3, method);
                var at = FakeCelestiaWire.Height(p[0]);
                var ns = FakeCelestiaWire.Namespace(p[1]);
                var commitment = FakeCelestiaWire.Bytes(p[2], "commitment");
                if (await RejectFutureAsync(context, id, at))
                {
                    return;
                }

                var blob = BlobsAt(at).FirstOrDefault(b => b.Namespace.AsSpan().SequenceEqual(ns) && b.Commitment.AsSpan().SequenceEqual(commitment));
                if (blob is null)
                {
                    await WriteErrorAsync(context, id, 1, "blob: not found");
                    return;
                }

                await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteBlob(w, blob));
                return;
            case "header.GetByHeight":
                FakeCelestiaWire.Arity(p, 1, method);
                var h = FakeCelestiaWire.Height(p[0]);
                if (!await RejectFutureAsync(context, id, h))
                {
                    await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteHeader(w, h));
                }

                return;
            case "header.NetworkHead":
                FakeCelestiaWire.Arity(p, 0, method);
                var head = Head;
                await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteHeader(w, head));
                return;
            default:
                lock (_lock)
                {
                    _violations.Add($"unknown method {method}");
                }

                await WriteErrorAsync(context, id, -32601, $"method '{method}' not found");
                return;
        }
    }

    private List<StoredBlob> BlobsAt(ulong height)
    {
        lock (_lock)
        {
            return _heights.TryGetValue(height, out var blobs) ? [.. blobs] : [];
        }
    }

    private async Task<bool> RejectFutureAsync(HttpContext context, long id, ulong height)
    {
        var head = Head;
        if (height == 0 || height > head)
        {
            await WriteErrorAsync(context, id, 1, $"header: given height is from the future: networkHeight: {head}, requestedHeight: {height}");
            return true;
        }

        return false;
    }
}
