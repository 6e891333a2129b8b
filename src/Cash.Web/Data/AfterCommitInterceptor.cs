using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cash.Web.Data;

/// <summary>
/// Tells something of a save once its changes are durable: right after the save, or, when the save
/// runs inside a transaction of the caller's, after that transaction commits — never if it rolls
/// back. The audited-record and public-content interceptors are two uses of it.
/// </summary>
/// <remarks>
/// What a save is about to change is read before it (entity states are gone after it), and turned
/// into what is told right after it (a new record's store-generated key exists only then). Waiting
/// for the commit also matters on SQLite, whose single writer lock an open transaction still holds.
/// Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass interceptors.
/// </remarks>
/// <typeparam name="TChange">What is captured of one changed entity before the save.</typeparam>
/// <typeparam name="TEvent">What is told of it once durable.</typeparam>
internal abstract class AfterCommitInterceptor<TChange, TEvent> : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The interceptor is shared by every context; what each context's save is about to tell lives beside it.
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SavedAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await SavedAsync(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is not null && pending.TryGetValue(eventData.Context, out var state))
        {
            state.Saving.Clear();
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommittedAsync(eventData.Context).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>What this save is about to change that is worth telling, read from the change tracker.</summary>
    protected abstract IEnumerable<TChange> Capture(ChangeTracker tracker);

    /// <summary>What is told of one change, read once it is saved.</summary>
    protected abstract TEvent Resolve(TChange change);

    /// <summary>Tells what a durable save changed; the change happened, so the caller's cancellation does not apply.</summary>
    protected abstract Task TellAsync(IReadOnlyList<TEvent> events);

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var state = pending.GetOrCreateValue(context);
        state.Saving.Clear();
        state.Saving.AddRange(Capture(context.ChangeTracker));
    }

    private Task SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.Count == 0)
        {
            return Task.CompletedTask;
        }

        var events = state.Saving.Select(Resolve).ToList();
        state.Saving.Clear();
        if (context.Database.CurrentTransaction is not null)
        {
            state.AwaitingCommit.AddRange(events);
            return Task.CompletedTask;
        }

        return TellAsync(events);
    }

    private Task CommittedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.AwaitingCommit.Count == 0)
        {
            return Task.CompletedTask;
        }

        var events = state.AwaitingCommit.ToList();
        state.AwaitingCommit.Clear();
        return TellAsync(events);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.AwaitingCommit.Clear();
        }
    }

    private sealed class Pending
    {
        public List<TChange> Saving { get; } = [];

        public List<TEvent> AwaitingCommit { get; } = [];
    }
}
