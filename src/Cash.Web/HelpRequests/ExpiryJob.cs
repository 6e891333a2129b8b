using Cash.Web.Data;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cash.Web.HelpRequests;

/// <summary>
/// Every hour, deletes the threads with no activity for <see cref="HelpOptions.InactivityDays"/>
/// days (default 90), open or closed, with their messages (PRODUCT.md: forget). Each deletion is
/// in the audit trail (by id, never content).
/// </summary>
public sealed partial class ExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HelpOptions> options, ILogger<ExpiryJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    private const int BatchSize = 100;

    /// <summary>Rounds lost to a thread that came back to life, per run, before leaving the rest to the next hour.</summary>
    private const int MaxConflicts = 10;

    /// <summary>Deletes what has expired at <paramref name="now"/>; returns how many requests were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - options.Value.Inactivity;
        var deleted = 0;
        var conflicts = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();

            // Tracked deletes, so the audit interceptor records each one; the messages go with the request (cascade).
            // Oldest first, so the batches and their audit entries come in a known order.
            var batch = await db.HelpRequests.Where(r => r.LastActivityAt <= cutoff)
                .OrderBy(r => r.LastActivityAt).ThenBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            db.HelpRequests.RemoveRange(batch);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (++conflicts <= MaxConflicts)
            {
                // A sender or a service wrote in one of these threads meanwhile: it is alive again.
                // Nothing of the batch was deleted; the next round reads the threads as they are now.
                continue;
            }

            deleted += batch.Count;
        }

        if (deleted > 0)
        {
            Log.Deleted(logger, deleted);
        }

        return deleted;
    }



    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => DeleteExpiredAsync(now, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "Deleted {Count} help requests after their inactivity period.")]
        public static partial void Deleted(ILogger logger, int count);

    }
}
