using Cash.Web.Domain;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Cash.Web.Data;

/// <summary>
/// Publishes to <see cref="PublicContentChanges"/> the kinds of <see cref="IPublicContent"/> a save
/// created, changed or deleted, once the change is durable, so a cache is not refilled with the old
/// content while the caller's transaction is still open, nor told of a change that rolled back.
/// </summary>
internal sealed class PublicContentInterceptor(PublicContentChanges changes) : AfterCommitInterceptor<string, string>
{
    protected override IEnumerable<string> Capture(ChangeTracker tracker) =>
        tracker.Entries()
            .Where(e => e.Entity is IPublicContent && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => ((IPublicContent)e.Entity).PublicContentKind);

    protected override string Resolve(string change) => change;

    // Not the caller's token: the change is saved, the caches must hear of it even if the request is gone.
    protected override Task TellAsync(IReadOnlyList<string> events) =>
        changes.PublishAsync(events.ToHashSet(StringComparer.Ordinal), CancellationToken.None).AsTask();
}
