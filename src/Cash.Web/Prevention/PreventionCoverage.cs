using System.Globalization;
using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Prevention;

/// <summary>Which actions the coverage counts: the schools of a network, the actions a service ran, the actions on a theme.</summary>
public sealed record CoverageFilter(SchoolNetwork? Network, int? ServiceId, PreventionThemes? Theme);

/// <summary>A school's line: its actions in the year, the people they reached, their themes together.</summary>
public sealed record CoverageRow(int SchoolId, string School, SchoolNetwork Network, int Actions, int Reached, PreventionThemes Themes);

/// <summary>The coverage of a school year: a line per school, those with no action first; the totals count each action once.</summary>
public sealed record CoverageTable(SchoolYear Year, IReadOnlyList<CoverageRow> Rows, int Actions, int Reached)
{
    public int SchoolsWithout => Rows.Count(r => r.Actions == 0);
}

/// <summary>
/// What the network did in each school over a school year (1 September – 31 August). Every active
/// school has a line, and so has a school deactivated since if an action reached it that year. An
/// action in several schools counts in each of them with all the people it reached (the form does
/// not split them); the totals count it once. A year's actions are few (a town's schools): they are
/// read once and counted here.
/// </summary>
public sealed class PreventionCoverage(CashDbContext db)
{
    private static readonly StringComparer SchoolOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-BE"), ignoreCase: true);

    public async Task<CoverageTable> OfAsync(SchoolYear year, CoverageFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (first, last) = (year.First, year.Last);
        var actions = await db.PreventionActions.AsNoTracking().AsSplitQuery()
            .Allowing(PreventionActionAccess.Rule, user, CashOperations.View)
            .Where(a => a.Day >= first && a.Day <= last)
            .Select(a => new
            {
                a.Id,
                a.Themes,
                a.Reached,
                Schools = a.Schools.Select(s => s.SchoolId).ToList(),
                Services = a.Services.Select(s => s.PartnerServiceId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var counted = actions
            .Where(a => filter.ServiceId is not { } service || a.Services.Contains(service))
            .Where(a => filter.Theme is not { } theme || (a.Themes & theme) != 0)
            .ToList();
        var reachedSchools = counted.SelectMany(a => a.Schools).ToHashSet();
        var schools = await db.Schools.AsNoTracking()
            .Where(s => s.IsActive || reachedSchools.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.Network })
            .ToListAsync(cancellationToken);

        var rows = new List<CoverageRow>();
        foreach (var school in schools.Where(s => filter.Network is not { } network || s.Network == network))
        {
            var here = counted.Where(a => a.Schools.Contains(school.Id)).ToList();
            rows.Add(new CoverageRow(school.Id, school.Name, school.Network, here.Count, here.Sum(a => a.Reached),
                here.Aggregate(PreventionThemes.None, (themes, a) => themes | a.Themes)));
        }

        var ordered = rows.OrderBy(r => r.Actions > 0).ThenBy(r => r.School, SchoolOrder).ThenBy(r => r.SchoolId).ToList();
        var inTable = counted.Where(a => a.Schools.Any(s => ordered.Exists(r => r.SchoolId == s))).ToList();
        return new CoverageTable(year, ordered, inTable.Count, inTable.Sum(a => a.Reached));
    }
}
