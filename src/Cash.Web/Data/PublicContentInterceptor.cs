using System.Data.Common;
using System.Runtime.CompilerServices;
using Cash.Web.Domain;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cash.Web.Data;

/// <summary>
/// Publishes to <see cref="PublicContentChanges"/> the kinds of <see cref="IPublicContent"/> a save
/// created, changed or deleted, once the change is durable: right after the save, or, inside a
/// transaction of the caller's, after it commits (never if it rolls back), so a cache is not
/// refilled with the old content while the transaction is still open.
/// </summary>
/// <remarks>Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass interceptors: public content is saved through tracked entities.</remarks>
internal sealed class PublicContentInterceptor(PublicContentChanges changes) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The interceptor is shared by every context; what each context's save touches lives beside it.
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
        SavedAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
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
        CommittedAsync(eventData.Context).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context).AsTask();

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

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var state = pending.GetOrCreateValue(context);
        state.Saving.Clear();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is IPublicContent content && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                state.Saving.Add(content.PublicContentKind);
            }
        }
    }

    private ValueTask SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var kinds = state.Saving.ToHashSet(StringComparer.Ordinal);
        state.Saving.Clear();
        if (context.Database.CurrentTransaction is not null)
        {
            state.AwaitingCommit.UnionWith(kinds);
            return ValueTask.CompletedTask;
        }

        // Not the caller's token: the change is saved, the caches must hear of it even if the request is gone.
        return changes.PublishAsync(kinds, CancellationToken.None);
    }

    private ValueTask CommittedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.AwaitingCommit.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var kinds = state.AwaitingCommit.ToHashSet(StringComparer.Ordinal);
        state.AwaitingCommit.Clear();
        return changes.PublishAsync(kinds, CancellationToken.None);
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
        public HashSet<string> Saving { get; } = new(StringComparer.Ordinal);

        public HashSet<string> AwaitingCommit { get; } = new(StringComparer.Ordinal);
    }
}
