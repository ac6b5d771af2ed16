using Fontana.Core;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// The payer's open sessions on disk: one <c>&lt;session id&gt;.json</c> per session (<see cref="PaymentSession.ToJson"/>),
/// written atomically (temporary file, flush to disk, rename) with mode 0600 because it holds the session key.
/// Used by the SDK when <see cref="PaymentSessionOptions.StoreDirectory"/> is set, and by <c>fontana sessions</c>.
/// </summary>
public sealed class SessionFileStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Uses (and creates, mode 0700) <paramref name="directory"/>.</summary>
    public SessionFileStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, OwnerOnly | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The directory holding the session files.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="json"/> (a <see cref="PaymentSession.ToJson"/>) as session <paramref name="id"/>'s record, durably.</summary>
    public void Save(Hash32 id, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var path = PathOf(id);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(json));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes <paramref name="session"/>'s record as it stands.</summary>
    public void Save(PaymentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Save(session.Id, session.ToJson());
    }

    /// <summary>The session with id <paramref name="id"/>, or null when there is no record of it.</summary>
    public PaymentSession? Load(Hash32 id)
    {
        var path = PathOf(id);
        return File.Exists(path) ? PaymentSession.FromJson(File.ReadAllText(path)) : null;
    }

    /// <summary>Every session on record (closed ones included), in no particular order; unreadable files are skipped.</summary>
    public IReadOnlyList<PaymentSession> LoadAll()
    {
        var sessions = new List<PaymentSession>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            try
            {
                sessions.Add(PaymentSession.FromJson(File.ReadAllText(file)));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException or IOException)
            {
                // A torn or foreign file: not a session this store can use.
            }
        }

        return sessions;
    }

    private string PathOf(Hash32 id) => Path.Combine(Directory, id.ToString() + ".json");
}
