using System.Reflection;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Fontana.Sdk;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;
using Microsoft.Extensions.Options;

namespace Fontana.Cli.Infrastructure;

/// <summary>The one place where an exception becomes a <see cref="CliFailure"/>: a stable code and a one-line reason.
/// Unknown exceptions become <c>internal-error</c> with their type and message — never a stack trace.</summary>
internal static class CliFailures
{
    public static CliFailure From(Exception exception)
    {
        switch (exception)
        {
            case CliFailure failure:
                return failure;
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return From(aggregate.InnerExceptions[0]);
            case OptionsValidationException e:
                return new CliFailure(ErrorCodes.InvalidConfiguration, string.Join("; ", e.Failures), ExitCodes.Failure, e);
            case HttpRequestException e:
                return new CliFailure(ErrorCodes.NodeUnreachable, $"cannot reach the node: {e.Message}", ExitCodes.Failure, e);
            case FontanaApiException e:
                return Coded(e.Code, e.Detail ?? e.Message, e);
            case FontanaPaymentException e:
                return Coded(e.Code, e.Message, e);
            case WalletException e:
                return Coded(e.Code, e.Message, e);
            case WalletStoreException e:
                return Coded(e.Code, e.Message, e);
            case WalletBackupException e:
                return Coded(e.Code, e.Message, e);
            case RecoveryException e:
                return Coded(e.Code, e.Message, e);
            case LedgerException e:
                return Coded(e.Code, e.Message, e);
            case DataAvailabilityException e:
                return Coded(e.Code, e.Message, e);
        }

        // libsodium fails to load inside a static constructor: the type initializer wraps it.
        if (Find<SodiumUnavailableException>(exception) is { } sodium)
        {
            return Coded(sodium.Code, sodium.Message, exception);
        }

        if (CliHost.IsAddressInUse(exception))
        {
            return new CliFailure(ErrorCodes.AddressInUse, $"{exception.Message.TrimEnd('.')}: another program listens there", ExitCodes.Failure, exception);
        }

        // Exceptions of other Fontana libraries carry a public string Code too.
        if (exception.GetType().GetProperty("Code", BindingFlags.Public | BindingFlags.Instance)?.GetValue(exception) is string { Length: > 0 } code)
        {
            return Coded(code, exception.Message, exception);
        }

        return new CliFailure(ErrorCodes.InternalError, $"{exception.GetType().Name}: {exception.Message}", ExitCodes.Failure, exception);
    }

    /// <summary>The first exception of type <typeparamref name="T"/> in the chain of inner exceptions.</summary>
    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary><paramref name="message"/> without a leading <c>code: </c> (many libraries start their messages with it;
    /// the CLI prints the code itself, once).</summary>
    public static string WithoutCode(string code, string message)
    {
        var text = message;
        while (text.StartsWith(code + ": ", StringComparison.Ordinal))
        {
            text = text[(code.Length + 2)..];
        }

        return text;
    }

    private static CliFailure Coded(string code, string message, Exception inner) =>
        new(code, WithoutCode(code, message), ExitCodes.Failure, inner);
}
