using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Prevention;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>A member of a service records an action their service ran (with others, if any). Without a service, nobody records one.</summary>
public sealed class NewModel(
    CashDbContext db,
    ActiveSchools activeSchools,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<PreventionTexts> text) : PageModel
{
    [BindProperty]
    public PreventionInput Input { get; set; } = new();

    public ActionChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } serviceId)
        {
            return Forbid();
        }

        return await ShowAsync(serviceId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } serviceId || User.ProfessionalId() is not { } professionalId)
        {
            return Forbid();
        }

        Choices = await ActionChoices.LoadAsync(db, activeSchools, directory, null, serviceId, cancellationToken);
        var now = clock.GetUtcNow();
        var values = Input.Check(ModelState, Choices, Brussels.DayOf(now), text);
        if (!ModelState.IsValid || values is null)
        {
            return await ShowAsync(serviceId, cancellationToken);
        }

        var action = new PreventionAction(Guid.CreateVersion7(), serviceId, professionalId, now);
        action.Describe(values.Kind, Input.Themes, values.Day, Input.Schools, Input.Classes, values.Reached, Input.Services, Input.ToolName, Input.Report, Input.FollowUp);
        db.PreventionActions.Add(action);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Details", new { id = action.Id, fait = "enregistree" });
    }

    private async Task<PageResult> ShowAsync(int serviceId, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "prevention";
        Choices ??= await ActionChoices.LoadAsync(db, activeSchools, directory, null, serviceId, cancellationToken);
        return Page();
    }
}
