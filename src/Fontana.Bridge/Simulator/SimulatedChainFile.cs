using System.Globalization;
using System.Text.Json;

namespace Fontana.Bridge.Simulator;

/// <summary>
/// The devnet's L1 outlives a restart: the simulated chain (genesis balances, transactions, height) is written to one
/// JSON file after every change (to a temporary file, flushed, then renamed over the old one), and read back at start.
/// </summary>
internal static class SimulatedChainFile
{
    public static void Save(string path, long height, long nonce, IReadOnlyDictionary<string, ulong> genesis, IReadOnlyList<SimulatedTx> txs)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteNumber("height", height);
                w.WriteNumber("nonce", nonce);
                w.WriteStartObject("genesis");
                foreach (var (address, utia) in genesis)
                {
                    w.WriteString(address, utia.ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
                w.WriteStartArray("txs");
                foreach (var t in txs)
                {
                    w.WriteStartObject();
                    w.WriteString("hash", t.Hash);
                    w.WriteNumber("height", t.Height);
                    w.WriteString("from", t.From);
                    w.WriteString("to", t.To);
                    w.WriteString("utia", t.Utia.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("memo", t.Memo);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    public static (long Height, long Nonce, Dictionary<string, ulong> Genesis, List<SimulatedTx> Txs)? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var genesis = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("genesis").EnumerateObject())
        {
            genesis[p.Name] = ulong.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture);
        }

        var txs = new List<SimulatedTx>();
        foreach (var t in root.GetProperty("txs").EnumerateArray())
        {
            txs.Add(new SimulatedTx(t.GetProperty("hash").GetString()!, t.GetProperty("height").GetInt64(), t.GetProperty("from").GetString()!,
                t.GetProperty("to").GetString()!, ulong.Parse(t.GetProperty("utia").GetString()!, CultureInfo.InvariantCulture), t.GetProperty("memo").GetString()!));
        }

        return (root.GetProperty("height").GetInt64(), root.GetProperty("nonce").GetInt64(), genesis, txs);
    }
}
