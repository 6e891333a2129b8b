using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tools;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>The network's library of prevention tools, by name: every professional reads it; a member of a service adds a tool for their service.</summary>
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    public IReadOnlyList<Row> Tools { get; private set; } = [];

    public bool CanCreate => User.ServiceId() is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "tools";
        var tools = await db.Tools.AsNoTracking()
            .Allowing(ToolAccess.Rule, User, ToolOperations.View)
            .OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, t.Kind, t.Audience, t.AgeFrom, t.AgeTo, t.OwnerServiceId, t.IsKit })
            .ToListAsync(cancellationToken);
        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        Tools = [.. tools.Select(t => new Row(t.Id, t.Name, t.Kind, t.Audience, t.AgeFrom, t.AgeTo, services.NameOf(t.OwnerServiceId, language) ?? "", t.IsKit))];
    }

    public sealed record Row(Guid Id, string Name, ToolKind Kind, ToolAudience Audience, int? AgeFrom, int? AgeTo, string Owner, bool IsKit);
}
