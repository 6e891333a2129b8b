using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Prevention;
using Cash.Web.PartnerServices;
using Cash.Web.Prevention;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>
/// A member of a service that ran the action, or a coordinator, changes it, against the version the
/// form was shown with: if someone changed it meanwhile, the form comes back with what was typed.
/// </summary>
public sealed class EditModel(
    CashDbContext db,
    IAuthorizationService authorization,
    ActiveSchools activeSchools,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<PreventionTexts> text) : PageModel
{
    [BindProperty]
    public PreventionInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public PreventionAction Item { get; private set; } = null!;

    public ActionChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await db.FindPreventionActionAsync(authorization, User, id, CashOperations.Edit, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }

        Input = PreventionInput.Of(action);
        Version = action.Version;
        return await ShowAsync(action, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await db.FindPreventionActionAsync(authorization, User, id, CashOperations.Edit, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }

        Choices = await ActionChoices.LoadAsync(db, activeSchools, directory, action, action.RecordingServiceId, cancellationToken);
        var values = Input.Check(ModelState, Choices, Brussels.DayOf(clock.GetUtcNow()), text);
        if (!ModelState.IsValid || values is null)
        {
            return await ShowAsync(action, cancellationToken);
        }

        if (Version != action.Version)
        {
            return await ChangedMeanwhileAsync(id, cancellationToken);
        }

        action.Describe(values.Kind, Input.Themes, values.Day, Input.Schools, Input.Classes, values.Reached, Input.Services, Input.ToolName, Input.Report, Input.FollowUp);
        return await db.SavedUnlessChangedMeanwhileAsync(cancellationToken)
            ? RedirectToPage("Details", new { id, fait = "modifiee" })
            : await ChangedMeanwhileAsync(id, cancellationToken);
    }

    /// <summary>Someone changed it since the form was shown: the form again, with what was typed, and the version as it is now.</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var action = await db.FindPreventionActionAsync(authorization, User, id, CashOperations.Edit, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
        Version = action.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return await ShowAsync(action, cancellationToken);
    }

    private async Task<PageResult> ShowAsync(PreventionAction action, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "prevention";
        Item = action;
        Choices ??= await ActionChoices.LoadAsync(db, activeSchools, directory, action, action.RecordingServiceId, cancellationToken);
        return Page();
    }
}
