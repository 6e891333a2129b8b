using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Tools;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Prevention;

/// <summary>The prevention actions whose tool is exactly the tool's name, for a tool's "where it was used" (every professional reads every action).</summary>
public sealed class PreventionToolUsage(CashDbContext db) : IToolUsageSource
{
    public async Task<IReadOnlyList<ToolUse>> UsesAsync(string toolName, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        var name = toolName.Trim();
        var rows = await db.PreventionActions.AsNoTracking()
            .Where(a => a.ToolName == name)
            .Allowing(PreventionActionAccess.Rule, viewer, CashOperations.View)
            .OrderByDescending(a => a.Day).ThenBy(a => a.Id)
            .Take(100)
            .Select(a => new { a.Id, a.Day, Schools = a.Schools.Select(x => x.SchoolId).ToList() })
            .ToListAsync(cancellationToken);
        var schoolIds = rows.SelectMany(r => r.Schools).Distinct().ToList();
        var names = await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return [.. rows.Select(r => new ToolUse(
            r.Day, nameof(PreventionAction), string.Join(", ", r.Schools.Select(id => names.GetValueOrDefault(id)).OfType<string>().Order(StringComparer.CurrentCulture)), $"/pro/prevention/{r.Id}"))];
    }
}
