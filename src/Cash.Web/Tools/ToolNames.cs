using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tools;

/// <summary>
/// The library's tool names, offered as suggestions where an intervention or a prevention action says
/// which tool it used: the name typed the same way is what links the record to the tool's page.
/// </summary>
public sealed class ToolNames(CashDbContext db)
{
    /// <summary>A form lists at most this many.</summary>
    public const int Listed = 500;

    public const string ListId = "tool-names";

    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken cancellationToken) =>
        await db.Tools.AsNoTracking().Select(t => t.Name).Distinct().OrderBy(name => name).Take(Listed).ToListAsync(cancellationToken);
}
