using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Cash.Web.Audit;

/// <summary>
/// Writes <c>record.create</c>, <c>record.update</c> and <c>record.delete</c> to the audit trail for
/// every <see cref="IAuditedRecord"/> a save touches, so each new kind of protected record is
/// audited by implementing the interface, with no call to forget.
/// </summary>
/// <remarks>
/// Entries are written only once the change is durable (<see cref="AfterCommitInterceptor{TChange, TEvent}"/>):
/// right after the save, or after the caller's transaction commits, and never if it rolls back.
/// </remarks>
internal sealed class AuditedRecordInterceptor(IServiceProvider services)
    : AfterCommitInterceptor<AuditedRecordInterceptor.Change, (string Action, string EntityType, string EntityId)>
{
    protected override IEnumerable<Change> Capture(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
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
                yield return new Change(record, action);
            }
        }
    }

    // Read the id only now: a new record's store-generated key exists only after the save.
    protected override (string Action, string EntityType, string EntityId) Resolve(Change change) =>
        (change.Action, AuditTrail.EntityTypeOf(change.Record), change.Record.AuditId);

    // Resolved late: contexts that never touch a protected record (migrations, the trail's own) need no key.
    protected override Task TellAsync(IReadOnlyList<(string Action, string EntityType, string EntityId)> events) =>
        services.GetRequiredService<AuditTrail>().RecordChangesAsync(events);

    internal sealed record Change(IAuditedRecord Record, string Action);
}
