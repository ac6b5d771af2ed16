using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.DataAvailability;
using Fontana.DataAvailability.Local;

namespace Fontana.Node.Follower;

/// <summary>
/// A follower's view of a local DA copy (the sequencer's <c>da/</c> directory on a shared or copied disk): opened
/// read-only (<see cref="LocalDataAvailability.OpenReadOnly"/>: no lock, never a byte written, records the sequencer
/// appends are seen), and only once the record file exists, so a follower may start before its sequencer's first post.
/// </summary>
internal sealed class ReadOnlyLocalDa(string directory, ILogger<LocalDataAvailability>? logger) : IDataAvailability, IDisposable
{
    private readonly Lock _gate = new();
    private LocalDataAvailability? _layer;

    public string Layer => DaReference.LocalLayer;

    public Task<DaReference> PostAsync(ulong blockHeight, ReadOnlyMemory<byte> blockBytes, CancellationToken cancellationToken = default) =>
        throw new DataAvailabilityException(DaErrorCodes.ReadOnly, $"a follower never writes to the local DA copy {directory}");

    public Task<byte[]?> GetAsync(DaReference reference, CancellationToken cancellationToken = default) =>
        Open() is { } layer ? layer.GetAsync(reference, cancellationToken) : Task.FromResult<byte[]?>(null);

    public async IAsyncEnumerable<DaBlock> ReadFromAsync(ulong fromDaHeight, ulong? toDaHeight = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Open() is not { } layer)
        {
            yield break;
        }

        await foreach (var block in layer.ReadFromAsync(fromDaHeight, toDaHeight, cancellationToken))
        {
            yield return block;
        }
    }

    public Task<ulong> GetHeadAsync(CancellationToken cancellationToken = default) =>
        Open() is { } layer ? layer.GetHeadAsync(cancellationToken) : Task.FromResult(0UL);

    public void Dispose()
    {
        lock (_gate)
        {
            _layer?.Dispose();
            _layer = null;
        }
    }

    private LocalDataAvailability? Open()
    {
        lock (_gate)
        {
            if (_layer is null && File.Exists(Path.Combine(directory, LocalDataAvailability.FileName)))
            {
                _layer = LocalDataAvailability.OpenReadOnly(directory, logger);
            }

            return _layer;
        }
    }
}
