using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Bench.Baseline.Pages;

/// <summary>
/// TechEmpower's Fortunes test as a Razor page: every request reads all rows, adds one in memory,
/// sorts them by message and renders them as an HTML table (encoded, with the script row harmless).
/// </summary>
public sealed class FortunesModel(FortuneDb db) : PageModel
{
    public IReadOnlyList<Fortune> Fortunes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var fortunes = await db.Fortunes.AsNoTracking().ToListAsync(cancellationToken);
        fortunes.Add(new Fortune { Id = 0, Message = "Additional fortune added at request time." });
        fortunes.Sort((a, b) => string.CompareOrdinal(a.Message, b.Message));
        Fortunes = fortunes;
    }
}
