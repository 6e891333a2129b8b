using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Operations;
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
/// The batching is <see cref="GroupCommit{TItem, TResult}"/>'s; what is this writer's own is how a
/// batch is saved and, when the batch is refused, how each request's fate is told apart.
/// </summary>
public sealed class HelpRequestWriter : IDisposable
{
    private const int MaxBatch = 64;
    private const string Table = "HelpRequests";

    private readonly IServiceScopeFactory scopes;
    private readonly GroupCommit<HelpRequest, WriteResult> commits;

    public HelpRequestWriter(IServiceScopeFactory scopes)
    {
        this.scopes = scopes;
        commits = new(MaxBatch, WriteBatchAsync);
    }

    /// <summary>Once queued, a request is written even if its sender's connection drops: it may already be in a batch.</summary>
    public Task<WriteResult> WriteAsync(HelpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return commits.WriteAsync(request, cancellationToken);
    }

    public void Dispose() => commits.Dispose();

    private async Task WriteBatchAsync(IReadOnlyList<GroupCommit<HelpRequest, WriteResult>.Item> batch)
    {
        try
        {
            await SaveAsync(batch.Select(b => b.Value));
            foreach (var one in batch)
            {
                one.Succeed(WriteResult.Saved);
            }

            return;
        }
        catch (DbUpdateException)
        {
            // One of them collides (a resent form, a taken look-up id): each on its own, to tell which.
        }

        foreach (var one in batch)
        {
            try
            {
                await SaveAsync([one.Value]);
                one.Succeed(WriteResult.Saved);
            }
            catch (DbUpdateException exception)
            {
                if (Classify(exception) is { } result)
                {
                    one.Succeed(result);
                }
                else
                {
                    one.Fail(exception);
                }
            }
            catch (Exception exception)
            {
                one.Fail(exception);
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
        if (DatabaseErrors.IsDuplicate(exception, Table, nameof(HelpRequest.SubmissionKeyHash)))
        {
            return WriteResult.AlreadySent;
        }

        return DatabaseErrors.IsDuplicate(exception, Table, nameof(HelpRequest.ReceiptId)) ? WriteResult.ReceiptIdTaken : null;
    }
}
