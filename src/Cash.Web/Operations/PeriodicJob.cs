namespace Cash.Web.Operations;

/// <summary>
/// A background job that runs once at start-up and then every <see cref="Interval"/>, on the
/// injected clock. A failed run (a database outage) is logged and the next tick tries again: the
/// job never stops for good.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 4700, Level = LogLevel.Error, Message = "{Job} failed; the next run retries.")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
