namespace Fontana.Core.Crypto;

/// <summary>Argon2id cost: passes over memory (<c>opslimit</c>) and memory in KiB (<c>memlimit</c> / 1024).</summary>
/// <param name="OpsLimit">Passes over memory.</param>
/// <param name="MemoryKiB">Memory in KiB.</param>
public readonly record struct Argon2Cost(ulong OpsLimit, ulong MemoryKiB)
{
    /// <summary>True within <see cref="PasswordKdf.Minimum"/>..<see cref="PasswordKdf.Maximum"/> (what a reader accepts).</summary>
    public bool IsWithinBounds =>
        OpsLimit >= PasswordKdf.Minimum.OpsLimit && OpsLimit <= PasswordKdf.Maximum.OpsLimit
        && MemoryKiB >= PasswordKdf.Minimum.MemoryKiB && MemoryKiB <= PasswordKdf.Maximum.MemoryKiB;

    /// <inheritdoc/>
    public override string ToString() => $"ops={OpsLimit} mem={MemoryKiB}KiB";
}
