using Fontana.Core.Errors;

namespace Fontana.Core.Crypto;

/// <summary>libsodium could not be loaded or initialised. The message says where it was looked for and what to install.</summary>
public sealed class SodiumUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard message (where libsodium was looked for, what to install).</summary>
    public SodiumUnavailableException()
        : this(null)
    {
    }

    /// <summary>Creates the exception with a message and the load failure.</summary>
    public SodiumUnavailableException(string? message, Exception? inner)
        : base(message, inner)
    {
    }

    internal SodiumUnavailableException(Exception? inner)
        : base(
            "libsodium could not be loaded: neither the copy of the libsodium NuGet package beside the app "
            + "(runtimes/<rid>/native; is this runtime one it ships?) nor a system library (libsodium.so.23 / libsodium.so). "
            + "Install one: Debian/Ubuntu 'apt-get install libsodium23', Fedora 'dnf install libsodium', macOS 'brew install libsodium'.",
            inner)
    {
    }

    /// <summary>The stable error code: <c>sodium-unavailable</c>.</summary>
    public string Code => ErrorCodes.SodiumUnavailable;
}
