namespace Fontana.Core.Crypto;

/// <summary>libsodium could not be loaded or initialised. The message names the package to install.</summary>
public sealed class SodiumUnavailableException : Exception
{
    public SodiumUnavailableException()
        : this(null)
    {
    }

    public SodiumUnavailableException(string? message, Exception? inner)
        : base(message, inner)
    {
    }

    internal SodiumUnavailableException(Exception? inner)
        : base(
            "libsodium could not be loaded (looked for libsodium.so.23 / libsodium.so). "
            + "Install it: Debian/Ubuntu 'apt-get install libsodium23', Fedora 'dnf install libsodium', macOS 'brew install libsodium'.",
            inner)
    {
    }
}
