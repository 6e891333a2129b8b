using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tools;

/// <summary>One place a tool was used, as a tool's page lists it: the day, the school, and a link when the viewer may open it.</summary>
public sealed record ToolUse(DateOnly Day, string What, string? School, string? Link);

/// <summary>
/// A kind of record that names the tool it used (interventions here; prevention actions in their own home). A
/// tool's page asks every source registered in <see cref="ToolsRegistration"/>; a source lists only
/// what the viewer may see, by that record's own access rule.
/// </summary>
public interface IToolUsageSource
{
    Task<IReadOnlyList<ToolUse>> UsesAsync(string toolName, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}

/// <summary>The joint interventions whose free-text tool is exactly the tool's name, that the viewer may see.</summary>
public sealed class InterventionToolUsage(CashDbContext db) : IToolUsageSource
{
    public async Task<IReadOnlyList<ToolUse>> UsesAsync(string toolName, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        var name = toolName.Trim();
        var rows = await db.Interventions.AsNoTracking()
            .Where(i => i.Tool == name && i.Status != InterventionStatus.Cancelled)
            .Allowing(InterventionAccess.Rule, viewer, InterventionOperations.ViewMetadata)
            .OrderByDescending(i => i.StartsAt).ThenBy(i => i.Id)
            .Take(100)
            .Select(i => new { i.Id, i.StartsAt, School = db.Schools.Where(s => s.Id == i.SchoolId).Select(s => s.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ToolUse(Domain.Calendar.Brussels.DayOf(r.StartsAt), nameof(Intervention), r.School, $"/pro/interventions/{r.Id}"))];
    }
}
