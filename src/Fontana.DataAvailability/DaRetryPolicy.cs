using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Fontana.DataAvailability;

/// <summary>
/// The Polly.Core pipeline the DA poster wraps its calls in: exponential backoff with jitter, retrying only transient
/// <see cref="DataAvailabilityException"/>s (<c>da-unavailable</c>, <c>da-rpc-error</c>, <c>da-bad-response</c>) and
/// I/O or HTTP faults; each retry is logged, as Critical from <see cref="DaRetryOptions.AlertAfterAttempts"/> on.
/// </summary>
public static class DaRetryPolicy
{
    /// <summary>Builds the retry pipeline from <paramref name="options"/>; retries are logged to <paramref name="logger"/>, delays
    /// run on <paramref name="timeProvider"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names each bad key
    /// (e.g. <c>DataAvailability:Retry:BaseDelay</c>).</exception>
    public static ResiliencePipeline Create(DaRetryOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        var log = logger ?? NullLogger.Instance;
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<DataAvailabilityException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<IOException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    var retry = args.AttemptNumber + 1;
                    var code = (args.Outcome.Exception as DataAvailabilityException)?.Code ?? DaErrorCodes.Unavailable;
                    var level = retry >= options.AlertAfterAttempts ? LogLevel.Critical : LogLevel.Warning;
                    log.Log(level, args.Outcome.Exception,
                        "DA call failed ({Code}); retry {Retry} of {MaxRetries} in {Delay}", code, retry, options.MaxRetryAttempts, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}
