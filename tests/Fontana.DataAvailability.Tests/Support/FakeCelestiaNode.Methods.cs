using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Fontana.DataAvailability.Tests.Support;

/// <summary>The celestia-node methods the fake serves (sources in <see cref="FakeCelestiaNode"/>'s summary).</summary>
internal sealed partial class FakeCelestiaNode
{
    private async Task DispatchAsync(HttpContext context, long id, string method, JsonElement p)
    {
        switch (method)
        {
            case "blob.Submit":
                await SubmitAsync(context, id, p);
                return;
            case "blob.GetAll":
                FakeCelestiaWire.Arity(p, 2, method);
                var height = FakeCelestiaWire.Height(p[0]);
                if (p[1].ValueKind != JsonValueKind.Array)
                {
                    throw new WireViolation("blob.GetAll takes an array of namespaces");
                }

                var namespaces = p[1].EnumerateArray().Select(FakeCelestiaWire.Namespace).ToList();
                if (await RefuseHeaderAsync(context, id, height))
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
                if (await RefuseHeaderAsync(context, id, at))
                {
                    return;
                }

                var blob = BlobsAt(at).FirstOrDefault(b => b.Namespace.AsSpan().SequenceEqual(ns) && b.Commitment.AsSpan().SequenceEqual(commitment));
                if (blob is null)
                {
                    await WriteMethodErrorAsync(context, id, "blob: not found");
                    return;
                }

                await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteBlob(w, blob));
                return;
            case "header.GetByHeight":
                FakeCelestiaWire.Arity(p, 1, method);
                var h = FakeCelestiaWire.Height(p[0]);
                if (!await RefuseHeaderAsync(context, id, h))
                {
                    await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteHeader(w, h));
                }

                return;
            case "header.WaitForHeight":
                FakeCelestiaWire.Arity(p, 1, method);
                var wanted = FakeCelestiaWire.Height(p[0]);
                lock (_lock)
                {
                    if (wanted <= _head)
                    {
                        SyncLocked(wanted); // the lagging node's syncer reaches the height while the caller waits
                    }
                }

                await WaitForLocalAsync(wanted, context.RequestAborted);
                await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteHeader(w, wanted));
                return;
            case "header.LocalHead":
                FakeCelestiaWire.Arity(p, 0, method);
                var local = LocalHead;
                await WriteResultAsync(context, id, w => FakeCelestiaWire.WriteHeader(w, local));
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

    private async Task SubmitAsync(HttpContext context, long id, JsonElement p)
    {
        FakeCelestiaWire.Arity(p, 2, "blob.Submit");
        if (p[0].ValueKind != JsonValueKind.Array || p[0].GetArrayLength() == 0)
        {
            throw new WireViolation("blob.Submit takes a non-empty array of blobs");
        }

        var blobs = p[0].EnumerateArray().Select(FakeCelestiaWire.SubmittedBlob).ToList();
        if (p[1].ValueKind == JsonValueKind.Null)
        {
            lock (_lock)
            {
                _violations.Add("blob.Submit with a null tx config");
            }

            await WriteErrorAsync(context, id, 1, "runtime error: invalid memory address or nil pointer dereference");
            return;
        }

        var gasPrice = FakeCelestiaWire.TxConfig(p[1]);
        if (gasPrice is { } price && price < MinGasPrice)
        {
            const long gas = 100_000;
            await WriteMethodErrorAsync(context, id, string.Create(CultureInfo.InvariantCulture,
                $"failed to submit blobs due to insufficient gas price in txconfig: broadcast tx error: insufficient minimum gas price for this node; got: {(long)(price * gas)}utia, required: {(long)(MinGasPrice * gas)}utia: insufficient fee code: 13"));
            return;
        }

        // A PayForBlobs transaction: the blob data plus framing and the signed PFB message.
        var txSize = blobs.Sum(b => b.Data.Length + 100) + 600;
        if (MaxTxSize is { } max && txSize > max)
        {
            await WriteMethodErrorAsync(context, id, string.Create(CultureInfo.InvariantCulture,
                $"tx size {txSize} bytes is larger than the application's configured MaxTxSize of {max} bytes for version 4: transaction size exceeds maximum allowed limit"));
            return;
        }

        ulong included;
        lock (_lock)
        {
            included = ++_head;
            _heights[included] = [.. blobs.Select(b => b with { Index = _nextShareIndex++ })];
            if (!LagAfterSubmit)
            {
                SyncLocked(included);
            }
        }

        await WriteResultAsync(context, id, w => w.WriteNumberValue(included));
    }

    private List<StoredBlob> BlobsAt(ulong height)
    {
        lock (_lock)
        {
            return _heights.TryGetValue(height, out var blobs) ? [.. blobs] : [];
        }
    }

    /// <summary>celestia-node <c>nodebuilder/header/service.go</c> <c>GetByHeight</c>, which <c>blob.GetAll</c> and
    /// <c>blob.Get</c> call first: answers the real errors, or waits for local head + 1.</summary>
    private async Task<bool> RefuseHeaderAsync(HttpContext context, long id, ulong height)
    {
        ulong head, local;
        lock (_lock)
        {
            head = _head;
            local = _localHead;
        }

        var error = height == 0 ? "header: requested height is zero"
            : head + 1 < height ? $"header: given height is from the future: networkHeight: {head}, requestedHeight: {height}"
            : height < Tail ? $"requested header ({height}) is below Tail ({Tail})"
            : local + 1 < height ? $"header: syncing in progress: localHeadHeight: {local}, requestedHeight: {height}"
            : null;
        if (error is not null)
        {
            await WriteMethodErrorAsync(context, id, error);
            return true;
        }

        await WaitForLocalAsync(height, context.RequestAborted);
        return false;
    }
}
