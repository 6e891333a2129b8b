using Cash.Web.Domain.Directory;
using Cash.Web.Domain.Orientation;
using Cash.Web.Domain.Schools;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Operations;

/// <summary>What the public pages read on every request and keep in memory.</summary>
[Flags]
public enum PublicContent
{
    None = 0,

    /// <summary>The partner services and their texts.</summary>
    Directory = 1 << 0,

    Schools = 1 << 1,

    OrientationRules = 1 << 2,
}

/// <summary>
/// The one seam between the writes and the in-memory copies of <see cref="PublicContent"/>: a
/// version per kind, moved on by the save interceptor once a change is committed. A copy loaded
/// at an older version is read again on its next use. Only this instance's writes move it:
/// another instance sharing a PostgreSQL database is caught up by the copies' short expiry
/// (<see cref="PublicSnapshot{T}.MaxAge"/>).
/// </summary>
public sealed class PublicContentChanges
{
    private readonly long[] versions = new long[3];

    /// <summary>The kind of public content an entity belongs to, or <see cref="PublicContent.None"/>.</summary>
    public static PublicContent KindOf(object entity) => entity switch
    {
        PartnerService or PartnerServiceText => PublicContent.Directory,
        School => PublicContent.Schools,
        OrientationRule => PublicContent.OrientationRules,
        _ => PublicContent.None,
    };

    public long VersionOf(PublicContent kind) => Volatile.Read(ref versions[Slot(kind)]);

    /// <summary>Called after a change to <paramref name="kinds"/> is committed.</summary>
    public void Changed(PublicContent kinds)
    {
        foreach (var kind in Enum.GetValues<PublicContent>())
        {
            if (kind != PublicContent.None && kinds.HasFlag(kind))
            {
                Interlocked.Increment(ref versions[Slot(kind)]);
            }
        }
    }

    private static int Slot(PublicContent kind) => kind switch
    {
        PublicContent.Directory => 0,
        PublicContent.Schools => 1,
        PublicContent.OrientationRules => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "One kind of public content."),
    };
}

public static class PublicContentRegistration
{
    /// <summary>The one <see cref="PublicContentChanges"/>, registered by whichever feature keeps public content in memory.</summary>
    public static IServiceCollection TryAddPublicContentChanges(this IServiceCollection services)
    {
        services.TryAddSingleton<PublicContentChanges>();
        return services;
    }
}
