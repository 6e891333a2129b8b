using Cash.Web.Data;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Schools;

/// <summary>
/// Compares the rows of a file with the schools in the database (a school is matched by its name,
/// without regard to case) and applies the result in one save, which EF Core makes a single
/// transaction: every school or none.
/// </summary>
public static class SchoolImport
{
    public enum Change
    {
        Create,
        Update,
        Unchanged,
    }

    public sealed record PlannedRow(int Line, string Name, SchoolNetwork Network, int? PmsId, string? PmsName, string? Address, Change Change, int? ExistingId);

    public sealed record Plan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<SchoolCsv.Problem> Problems)
    {
        public ImportCounts Counts => new(
            Rows.Count(r => r.Change == Change.Create),
            Rows.Count(r => r.Change == Change.Update),
            Rows.Count(r => r.Change == Change.Unchanged));
    }

    public static async Task<Plan> PlanAsync(CashDbContext db, SchoolCsv.Result file, IReadOnlyList<PmsCentres.Centre> centres, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(centres);
        var problems = file.Problems.ToList();
        var planned = new List<PlannedRow>();
        var schools = await db.Schools.AsNoTracking().ToListAsync(cancellationToken);
        var byName = schools.ToLookup(s => SchoolNames.Key(s.Name), SchoolNames.Comparer);

        foreach (var row in file.Rows)
        {
            if (!SchoolNetworks.TryParseWord(row.Network, out var network))
            {
                // Rows reach here only with a known network (the parser reports the others).
                continue;
            }

            var existing = byName[row.Name].FirstOrDefault();
            var pms = existing?.PmsServiceId;
            if (file.HasPmsColumn)
            {
                pms = null;
                if (row.Pms is not null)
                {
                    var centre = FindCentre(centres, row.Pms);
                    if (centre is null)
                    {
                        problems.Add(new SchoolCsv.Problem(row.Line, file.PmsHeader, "Schools.Import.Error.PmsUnknown", SchoolCsv.Shorten(row.Pms)));
                        continue;
                    }

                    if (!centre.IsPmsCentre)
                    {
                        problems.Add(new SchoolCsv.Problem(row.Line, file.PmsHeader, "Schools.Import.Error.NotPms", SchoolCsv.Shorten(row.Pms)));
                        continue;
                    }

                    pms = centre.Id;
                }
            }

            var address = file.HasAddressColumn ? row.Address : existing?.Address;
            var change = existing is null ? Change.Create
                : existing.Name == row.Name && existing.Network == network && existing.PmsServiceId == pms && existing.Address == address ? Change.Unchanged
                : Change.Update;
            planned.Add(new PlannedRow(row.Line, row.Name, network, pms, centres.NameOf(pms), address, change, existing?.Id));
        }

        return new Plan(planned, [.. problems.OrderBy(p => p.Line ?? 0)]);
    }

    /// <summary>Applies a plan without problems in one save: all of it or, if the save fails, nothing.</summary>
    public static async Task ApplyAsync(CashDbContext db, Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Problems.Count > 0)
        {
            throw new InvalidOperationException("A plan with problems is never applied.");
        }

        var ids = plan.Rows.Where(r => r.Change == Change.Update).Select(r => r.ExistingId!.Value).ToList();
        var tracked = await db.Schools.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var row in plan.Rows)
        {
            switch (row.Change)
            {
                case Change.Create:
                    db.Schools.Add(new School(row.Name, row.Network, row.PmsId) { Address = row.Address });
                    break;
                case Change.Update:
                    var school = tracked[row.ExistingId!.Value];
                    school.Name = row.Name;
                    school.Network = row.Network;
                    school.PmsServiceId = row.PmsId;
                    school.Address = row.Address;
                    break;
                case Change.Unchanged:
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A centre named by its slug, or by its French name written with any case or accents.</summary>
    private static PmsCentres.Centre? FindCentre(IReadOnlyList<PmsCentres.Centre> centres, string text) =>
        centres.FirstOrDefault(c => string.Equals(c.Slug, text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? centres.FirstOrDefault(c => SchoolNetworks.Fold(c.FrenchName) == SchoolNetworks.Fold(text));
}
