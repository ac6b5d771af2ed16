using System.Text.Json;
using System.Text.Json.Serialization;
using Fontana.Core.Errors;

namespace Fontana.Node.Recovery;

/// <summary>
/// Where a recovery got to, written next to the rebuilt store (<c>recover-checkpoint.json</c>) after every batch of
/// blocks, atomically (temporary file, fsync, rename). A recovery into a directory holding one resumes from
/// <see cref="NextDaHeight"/>; a store without one was not made by recovery and is never written to.
/// </summary>
/// <param name="ChainId">The chain recovered.</param>
/// <param name="Height">The last block applied.</param>
/// <param name="BlockHash">That block's hash (hex).</param>
/// <param name="NextDaHeight">The DA height to read next.</param>
public sealed record RecoveryCheckpoint(
    [property: JsonPropertyName("chainId")] string ChainId,
    [property: JsonPropertyName("height")] ulong Height,
    [property: JsonPropertyName("blockHash")] string BlockHash,
    [property: JsonPropertyName("nextDaHeight")] ulong NextDaHeight)
{
    /// <summary>The file a recovery keeps its position in, next to the rebuilt store.</summary>
    public const string FileName = "recover-checkpoint.json";

    /// <summary>The file a follower keeps its DA position in, next to its store (same format).</summary>
    public const string FollowerFileName = "follower-checkpoint.json";

    /// <summary>The checkpoint in <paramref name="directory"/>, or null when there is none.</summary>
    public static RecoveryCheckpoint? TryLoad(string directory, string fileName = FileName)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RecoveryCheckpoint>(File.ReadAllBytes(path))
                ?? throw new RecoveryException(ErrorCodes.CheckpointInvalid, $"{path} is empty");
        }
        catch (JsonException ex)
        {
            throw new RecoveryException(ErrorCodes.CheckpointInvalid, $"{path} is not a recovery checkpoint: {ex.Message}", null, ex);
        }
    }

    /// <summary>Writes the checkpoint atomically (temporary file, fsync, rename).</summary>
    public void Save(string directory, string fileName = FileName)
    {
        var path = Path.Combine(directory, fileName);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, this);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
