using System.Data.Common;
using System.Runtime.CompilerServices;
using Cash.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cash.Web.Audit;

/// <summary>
/// Writes <c>record.create</c>, <c>record.update</c> and <c>record.delete</c> to the audit trail for
/// every <see cref="IAuditedRecord"/> a save touches, so each new kind of protected record is
/// audited by implementing the interface, with no call to forget.
/// </summary>
/// <remarks>
/// Entries are written only once the change is durable: right after the save, or, when the save
/// runs inside a transaction of the caller's, after that transaction commits (and never if it rolls
/// back). Waiting for the commit also matters on SQLite, whose single writer lock the open
/// transaction still holds while the trail writes on its own connection.
/// </remarks>
internal sealed class AuditedRecordInterceptor(IServiceProvider services) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The interceptor is shared by every context; what each context's save is about to record lives beside it.
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
            // The trail's own entries are not records: auditing them would never end.
            if (entry.Entity is AuditEntry || entry.Entity is not IAuditedRecord record)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Modified => AuditActions.Update,
                EntityState.Deleted => AuditActions.Delete,
                _ => null,
            };
            if (action is not null)
            {
                state.Saving.Add(new Change(record, action));
            }
        }
    }

    private async Task SavedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.Count == 0)
        {
            return;
        }

        // Read the ids only now: a new record's store-generated key exists only after the save.
        var events = state.Saving.Select(c => new AuditedEvent(c.Action, AuditTrail.EntityTypeOf(c.Record), c.Record.AuditId)).ToList();
        state.Saving.Clear();

        if (context.Database.CurrentTransaction is not null)
        {
            state.AwaitingCommit.AddRange(events);
            return;
        }

        await RecordAsync(events);
    }

    private async Task CommittedAsync(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.AwaitingCommit.Count == 0)
        {
            return;
        }

        var events = state.AwaitingCommit.ToList();
        state.AwaitingCommit.Clear();
        await RecordAsync(events);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.AwaitingCommit.Clear();
        }
    }

    private async Task RecordAsync(List<AuditedEvent> events)
    {
        // Resolved late: contexts that never touch a protected record (migrations, the trail's own) need no key.
        var trail = services.GetRequiredService<AuditTrail>();

        // The change is already committed: its entries are written even if the caller has given up waiting.
        await trail.RecordChangesAsync(events.Select(e => (e.Action, e.EntityType, e.EntityId)));
    }

    private sealed record Change(IAuditedRecord Record, string Action);

    private sealed record AuditedEvent(string Action, string EntityType, string EntityId);

    private sealed class Pending
    {
        public List<Change> Saving { get; } = [];

        public List<AuditedEvent> AwaitingCommit { get; } = [];
    }
}
