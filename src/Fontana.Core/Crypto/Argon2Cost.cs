namespace Fontana.Core.Crypto;

/// <summary>Argon2id cost: passes over memory (<c>opslimit</c>) and memory in KiB (<c>memlimit</c> / 1024).</summary>
internal readonly record struct Argon2Cost(ulong OpsLimit, ulong MemoryKiB)
{
    public bool IsWithinBounds =>
        OpsLimit >= PasswordKdf.Minimum.OpsLimit && OpsLimit <= PasswordKdf.Maximum.OpsLimit
        && MemoryKiB >= PasswordKdf.Minimum.MemoryKiB && MemoryKiB <= PasswordKdf.Maximum.MemoryKiB;

    public override string ToString() => $"ops={OpsLimit} mem={MemoryKiB}KiB";
}
