using System.Collections.Concurrent;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.HelpRequests;

/// <summary>What became of a request handed to <see cref="HelpRequestWriter"/>.</summary>
public enum WriteResult
{
    /// <summary>Committed: the receipt may be shown.</summary>
    Saved,

    /// <summary>A request with the same submission key exists: the form was sent twice.</summary>
    AlreadySent,

    /// <summary>Another request holds the same receipt look-up id: try the next code.</summary>
    ReceiptIdTaken,
}

/// <summary>
/// Commits new help requests, many in one transaction when they arrive together (group commit):
/// whoever finds the writer free writes every request queued so far, so sixteen young people
/// pressing "send" at the same moment cost one durable write rather than sixteen queued on the
/// database's write lock. Each caller learns the fate of its own request only after the commit.
/// </summary>
public sealed class HelpRequestWriter(IServiceScopeFactory scopes) : IDisposable
{
    private const int MaxBatch = 64;
    private const string Table = "HelpRequests";

    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentQueue<Waiting> queue = new();

    public async Task<WriteResult> WriteAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var waiting = new Waiting(request);
        queue.Enqueue(waiting);

        // Once queued, a request is written even if its sender's connection drops: it may already be in a batch.
        await writing.WaitAsync(CancellationToken.None);
        try
        {
            if (!waiting.Written.Task.IsCompleted)
            {
                var batch = new List<Waiting>();
                while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                // Without the leader's request context: the batch holds other people's requests, and the
                // audit trail must not file them under whoever happened to be signed in on this one.
                Task write;
                using (ExecutionContext.SuppressFlow())
                {
                    write = Task.Run(() => WriteAsync(batch), CancellationToken.None);
                }

                await write;
            }
        }
        finally
        {
            writing.Release();
        }

        return await waiting.Written.Task.WaitAsync(cancellationToken);
    }

    public void Dispose() => writing.Dispose();

    private async Task WriteAsync(List<Waiting> batch)
    {
        try
        {
            await SaveAsync(batch.Select(b => b.Request));
            batch.ForEach(b => b.Written.TrySetResult(WriteResult.Saved));
            return;
        }
        catch (DbUpdateException)
        {
            // One of them collides (a resent form, a taken look-up id): each on its own, to tell which.
        }
        catch (Exception exception)
        {
            batch.ForEach(b => b.Written.TrySetException(exception));
            return;
        }

        foreach (var one in batch)
        {
            try
            {
                await SaveAsync([one.Request]);
                one.Written.TrySetResult(WriteResult.Saved);
            }
            catch (DbUpdateException exception)
            {
                if (Classify(exception) is { } result)
                {
                    one.Written.TrySetResult(result);
                }
                else
                {
                    one.Written.TrySetException(exception);
                }
            }
            catch (Exception exception)
            {
                one.Written.TrySetException(exception);
            }
        }
    }

    private async Task SaveAsync(IEnumerable<HelpRequest> requests)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        db.HelpRequests.AddRange(requests);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// What a refused insert of one request means for its sender: its submission key is taken (the
    /// form was sent twice), or its receipt look-up id is (try the next code). Null for anything
    /// else — a broken check, a trigger, a lost database — which is a failure the form answers with a
    /// 503 and everything typed, never a reason to try seven more codes.
    /// </summary>
    private static WriteResult? Classify(DbUpdateException exception)
    {
        if (DatabaseErrors.IsDuplicate(exception, Table, nameof(HelpRequest.SubmissionKey)))
        {
            return WriteResult.AlreadySent;
        }

        return DatabaseErrors.IsDuplicate(exception, Table, nameof(HelpRequest.ReceiptId)) ? WriteResult.ReceiptIdTaken : null;
    }

    private sealed record Waiting(HelpRequest Request)
    {
        public TaskCompletionSource<WriteResult> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
