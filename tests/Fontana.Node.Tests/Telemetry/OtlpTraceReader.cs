namespace Fontana.Node.Tests.Telemetry;

/// <summary>One span as an OTLP collector receives it.</summary>
internal sealed record OtlpSpan(string Scope, string Name, byte[] TraceId, byte[] SpanId, byte[] ParentSpanId, int Kind);

/// <summary>
/// Reads the spans of an OTLP/HTTP protobuf <c>ExportTraceServiceRequest</c> — just the fields a test asserts on,
/// following opentelemetry-proto's <c>opentelemetry/proto/collector/trace/v1/trace_service.proto</c> and
/// <c>opentelemetry/proto/trace/v1/trace.proto</c>: request.resource_spans = 1; ResourceSpans.scope_spans = 2;
/// ScopeSpans.scope = 1 (InstrumentationScope.name = 1), ScopeSpans.spans = 2; Span.trace_id = 1, span_id = 2,
/// parent_span_id = 4, name = 5, kind = 6 (SPAN_KIND_SERVER = 2, CLIENT = 3). Unknown fields are skipped by wire type.
/// </summary>
internal static class OtlpTraceReader
{
    public static List<OtlpSpan> ReadSpans(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request.ToArray()))
        {
            if (field != 1)
            {
                continue;
            }

            foreach (var (rsField, scopeSpans) in Fields(resourceSpans))
            {
                if (rsField == 2)
                {
                    ReadScopeSpans(scopeSpans, spans);
                }
            }
        }

        return spans;
    }

    private static void ReadScopeSpans(byte[] scopeSpans, List<OtlpSpan> spans)
    {
        var scope = string.Empty;
        var raw = new List<byte[]>();
        foreach (var (field, value) in Fields(scopeSpans))
        {
            if (field == 1)
            {
                scope = Fields(value).Where(f => f.Field == 1).Select(f => System.Text.Encoding.UTF8.GetString(f.Value)).FirstOrDefault() ?? string.Empty;
            }
            else if (field == 2)
            {
                raw.Add(value);
            }
        }

        foreach (var span in raw)
        {
            byte[] traceId = [], spanId = [], parent = [];
            var name = string.Empty;
            var kind = 0;
            foreach (var (field, value) in Fields(span))
            {
                switch (field)
                {
                    case 1: traceId = value; break;
                    case 2: spanId = value; break;
                    case 4: parent = value; break;
                    case 5: name = System.Text.Encoding.UTF8.GetString(value); break;
                    case 6: kind = (int)ReadVarint(value, out _); break;
                }
            }

            spans.Add(new OtlpSpan(scope, name, traceId, spanId, parent, kind));
        }
    }

    /// <summary>Top-level fields of one message; varints come back as their encoded bytes.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.AsSpan(position), out var used);
            position += used;
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    ReadVarint(message.AsSpan(position), out used);
                    yield return (field, message[position..(position + used)]);
                    position += used;
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.AsSpan(position), out used);
                    position += used;
                    yield return (field, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new FormatException($"wire type {key & 7} at {position}");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, out int used)
    {
        ulong value = 0;
        for (used = 0; used < 10; used++)
        {
            value |= (ulong)(bytes[used] & 0x7f) << (7 * used);
            if ((bytes[used] & 0x80) == 0)
            {
                used++;
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }
}
