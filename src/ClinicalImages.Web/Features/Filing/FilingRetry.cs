using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// The one owner of the filing rule: an image that ALEX may already hold is never sent again until ALEX has shown it
/// does not. Sends one image, trying again on transient failures with exponential back-off and jitter, honouring
/// Retry-After, within a time budget. "May already hold" starts with an attempt that died half-way (an instance
/// stopped mid-commit) and with every unclear outcome (timeout, reset, 5xx); only a search that proves the image absent
/// ends it. When ALEX will not let us find out, nothing is sent: this throws
/// <see cref="AlexErrorKind.ReadBackUnavailable"/> and the GP settles it.
/// </summary>
internal sealed partial class FilingRetry
{
    private readonly IAlexGateway _gateway;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger<FilingRetry> _logger;

    public FilingRetry(IAlexGateway gateway, IOptions<FilingOptions> options, TimeProvider time, ILogger<FilingRetry> logger)
    {
        _gateway = gateway;
        _logger = logger;
        var settings = options.Value;
        _pipeline = settings.RetryAttempts == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(settings.RetryBudgetSeconds) })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AlexException>(e => e.IsTransient),
                MaxRetryAttempts = settings.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromSeconds(60),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is AlexException { RetryAfter: { } after } && after > TimeSpan.Zero
                    ? (TimeSpan?)after
                    : null),
            })
            .Build();
    }

    /// <param name="request">The image to file.</param>
    /// <param name="mayBeHeld">An earlier attempt may have reached ALEX: search before the first send.</param>
    /// <param name="onRetry">Told of each attempt after the first.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    public async Task<FilingReceipt> FileAsync(FilingRequest request, bool mayBeHeld, Func<int, Task> onRetry, CancellationToken cancellationToken)
    {
        var attempt = 0;
        var unclear = mayBeHeld;
        AlexException? last = null;
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                attempt++;
                if (unclear && await FindAsync(request, ct) is { } found)
                {
                    return found;
                }

                unclear = false;
                if (attempt > 1)
                {
                    LogRetry(_logger, request.ImageId, attempt, last?.Kind ?? AlexErrorKind.Unexpected);
                    await onRetry(attempt);
                }

                try
                {
                    return await _gateway.FileImageAsync(request, ct);
                }
                catch (AlexException ex)
                {
                    last = ex;
                    unclear = ex.IsAmbiguous;
                    throw;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The budget ran out while the send was in flight: ALEX may have stored it before we stopped waiting.
                    unclear = true;
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (unclear && ex is AlexException { Kind: not AlexErrorKind.ReadBackUnavailable } or TimeoutRejectedException)
        {
            // Out of attempts, or out of budget, while ALEX may hold the image: ask once more, and send nothing.
            return await SettleAsync(request, last ?? ex as AlexException, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AlexException(AlexErrorKind.Timeout, last?.Message ?? AlexMessages.Timeout, inner: ex);
        }
    }

    private async Task<FilingReceipt?> FindAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _gateway.FindFiledImageAsync(request, cancellationToken);
        }
        catch (AlexException ex) when (!ex.IsTransient)
        {
            // Refused, unsupported or inconclusive: no retry will change that, and no send may follow.
            LogUnclear(_logger, request.ImageId, ex.Kind);
            throw Unclear(ex);
        }
    }

    private async Task<FilingReceipt> SettleAsync(FilingRequest request, AlexException? lastSend, CancellationToken cancellationToken)
    {
        FilingReceipt? found;
        try
        {
            found = await FindAsync(request, cancellationToken);
        }
        catch (AlexException ex) when (ex.IsTransient)
        {
            LogUnclear(_logger, request.ImageId, ex.Kind);
            throw Unclear(ex);
        }

        // Shown absent: the last send's failure stands, and the GP's "Retry" may send it again.
        return found ?? throw lastSend ?? new AlexException(AlexErrorKind.Timeout, AlexMessages.Timeout);
    }

    private static AlexException Unclear(AlexException cause) => cause.Kind == AlexErrorKind.ReadBackUnavailable
        ? cause
        : new AlexException(AlexErrorKind.ReadBackUnavailable, AlexMessages.ReadBackUnavailable, cause.Status, cause.Detail, inner: cause);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Image {ImageId}: attempt {Attempt} after {Kind}")]
    private static partial void LogRetry(ILogger logger, string imageId, int attempt, AlexErrorKind kind);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Image {ImageId}: ALEX may hold it and cannot say ({Kind}); nothing is sent, the GP settles it")]
    private static partial void LogUnclear(ILogger logger, string imageId, AlexErrorKind kind);
}
