using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Schools;

/// <summary>A school the public can name, and the PMS centre that serves it.</summary>
public sealed record SchoolChoice(int Id, string Name, int? PmsServiceId)
{
    /// <summary>The value a form sends for it.</summary>
    public string Value => Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The active schools, in French alphabetical order, kept in memory for the help form and the
/// orientation assistant (see <see cref="PublicSnapshot{T}"/> for when they are read again).
/// </summary>
public sealed class ActiveSchools(PublicContentChanges changes, IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly PublicSnapshot<IReadOnlyList<SchoolChoice>> snapshot = new(PublicContentKinds.Schools, LoadAsync, changes, scopes, clock);

    public ValueTask<IReadOnlyList<SchoolChoice>> GetAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    /// <summary>The schools last read, however old, or null: for a page shown while the database does not answer.</summary>
    public IReadOnlyList<SchoolChoice>? Last => snapshot.Last;

    private static async Task<IReadOnlyList<SchoolChoice>> LoadAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        var schools = await db.Schools.AsNoTracking()
            .Where(s => s.IsActive)
            .Select(s => new SchoolChoice(s.Id, s.Name, s.PmsServiceId))
            .ToListAsync(cancellationToken);

        // Sorted here rather than by the database: SQLite and PostgreSQL order "École" and "Athénée" differently.
        return [.. schools.OrderBy(s => s.Name, StringComparer.Create(CultureInfo.GetCultureInfo("fr-BE"), ignoreCase: true))];
    }
}

public static class SchoolsRegistration
{
    public static IServiceCollection AddSchools(this IServiceCollection services)
    {
        services.AddSingleton<ActiveSchools>();
        return services;
    }
}
