using System.Collections.Concurrent;
using Cash.Web.Domain;

namespace Cash.Web.Operations;

/// <summary>Told when public content of some kinds has changed, e.g. to evict a cache.</summary>
public interface IPublicContentListener
{
    /// <param name="kinds">Some of <see cref="PublicContentKinds"/>, each once.</param>
    ValueTask ChangedAsync(IReadOnlySet<string> kinds, CancellationToken cancellationToken);
}

/// <summary>
/// The one hook for caches of public content: after a save of <see cref="IPublicContent"/> records
/// commits, <c>Data/PublicContentInterceptor</c> publishes the kinds it touched here. A cache
/// either registers an <see cref="IPublicContentListener"/> (the output cache does) or remembers
/// the <see cref="VersionOf"/> its kind had before it loaded, and loads again once it differs.
/// </summary>
/// <remarks>
/// The version moves before the listeners are told, so a cache that loads while a change is being
/// published is at worst loaded once more. Within one instance only: another instance sharing the
/// database learns of a change when its cache entries expire.
/// </remarks>
public sealed class PublicContentChanges(IEnumerable<IPublicContentListener> listeners)
{
    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);

    /// <summary>Moves each time content of <paramref name="kind"/> changes; 0 until the first change.</summary>
    public long VersionOf(string kind) => versions.GetValueOrDefault(kind);

    public async ValueTask PublishAsync(IReadOnlySet<string> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Count == 0)
        {
            return;
        }

        foreach (var kind in kinds)
        {
            versions.AddOrUpdate(kind, 1, (_, version) => version + 1);
        }

        foreach (var listener in listeners)
        {
            await listener.ChangedAsync(kinds, cancellationToken);
        }
    }
}
