using Cash.Web.Data;
using Cash.Web.Domain;
using Cash.Web.Domain.Orientation;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Orientation;

/// <summary>
/// The assistant's active rules, kept in memory for its results (see <see cref="PublicSnapshot{T}"/>
/// for when they are read again). Shared by every request: read them, never change them.
/// </summary>
public sealed class ActiveOrientationRules(PublicContentChanges changes, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly PublicSnapshot<IReadOnlyList<OrientationRule>> snapshot = new(PublicContentKinds.OrientationRules, LoadAsync, changes, scopes, clock);

    public ValueTask<IReadOnlyList<OrientationRule>> GetAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    private static async Task<IReadOnlyList<OrientationRule>> LoadAsync(CashDbContext db, CancellationToken cancellationToken) =>
        await db.OrientationRules.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).ToListAsync(cancellationToken);
}

public static class OrientationRegistration
{
    public static IServiceCollection AddOrientation(this IServiceCollection services)
    {
        services.AddSingleton<ActiveOrientationRules>();
        return services;
    }
}
