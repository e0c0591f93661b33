using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Sends one image to ALEX, trying again on transient failures with exponential back-off and jitter, honouring
/// Retry-After, within a time budget. Before any re-send that follows an unclear outcome it searches ALEX for our
/// identifier, so a retry never files a second copy.
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

    public async Task<FilingReceipt> FileAsync(FilingRequest request, Func<int, Task> onRetry, CancellationToken cancellationToken)
    {
        var attempt = 0;
        AlexException? last = null;
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                attempt++;
                if (last is { IsAmbiguous: true } && await _gateway.FindFiledImageAsync(request, ct) is { } found)
                {
                    return found;
                }

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
                    throw;
                }
            }, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AlexException(AlexErrorKind.Timeout, last?.Message ?? AlexMessages.Timeout, inner: ex);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Image {ImageId}: attempt {Attempt} after {Kind}")]
    private static partial void LogRetry(ILogger logger, string imageId, int attempt, AlexErrorKind kind);
}
