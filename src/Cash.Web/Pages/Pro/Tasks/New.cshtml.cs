using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tasks;

/// <summary>
/// A new task, by a member of a service: on its own, for any active service of the directory; or on a
/// situation the person's service contributes to (<c>?situation={id}</c>), for one of the services
/// involved in it now. It may name a member of the person's own service; its due day is a date or
/// "within N working days" from today in Brussels. Anyone without a service, or asking for a
/// situation they may not contribute to, gets 404.
/// </summary>
public sealed class NewModel(
    CashDbContext db,
    IAuthorizationService authorization,
    FieldCipher cipher,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<TaskTexts> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "situation")]
    public string? SituationParameter { get; set; }

    public NewTaskInput Input { get; private set; } = new();

    public Situation? OnSituation { get; private set; }

    public IReadOnlyList<(int Id, string Name)> Services { get; private set; } = [];

    /// <summary>The members of the person's own service, who may be named.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } serviceId || !await FindSituationAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = new NewTaskInput { ServiceId = OnSituation is null || OnSituation.Services.Any(s => s.IsActive && s.PartnerServiceId == serviceId) ? serviceId : null };
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = nameof(Input))] NewTaskInput input, CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } ownService || !await FindSituationAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = input;
        await LoadChoicesAsync(cancellationToken);
        if (input.ServiceId is { } chosen && Services.All(s => s.Id != chosen))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(NewTaskInput.ServiceId)}", text["Task.Service.NotOffered"]);
        }

        if (input.AssigneeId is { } assignee)
        {
            if (Members.All(m => m.Id != assignee))
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(NewTaskInput.AssigneeId)}", text["Task.Assignee.NotOffered"]);
            }
            else if (input.ServiceId is { } service && service != ownService)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(NewTaskInput.AssigneeId)}", text["Task.Assignee.OtherService"]);
            }
        }

        var dueOn = DueReading.Read(input, nameof(Input), DueReading.Today(clock), ModelState, text);
        if (OnSituation is { IsErased: true })
        {
            ModelState.AddModelError(string.Empty, text["Task.Situation.Erased"]);
        }

        if (!ModelState.IsValid || dueOn is null)
        {
            return Page();
        }

        var task = await TaskWriter.NewAsync(
            db, cipher, input.Title!, input.ServiceId!.Value, input.AssigneeId, dueOn, OnSituation?.Id, null,
            User.ProfessionalId()!.Value, ownService, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Details", new { id = task.Id, fait = "creee" });
    }

    /// <summary>The situation asked for, if any: false when the person may not contribute to it (or the parameter is not one).</summary>
    private async Task<bool> FindSituationAsync(CancellationToken cancellationToken)
    {
        if (SituationParameter is null)
        {
            return true;
        }

        if (!Guid.TryParse(SituationParameter, out var id))
        {
            return false;
        }

        OnSituation = await db.FindSituationAsync(authorization, User, id, SituationOperations.Contribute, cancellationToken);
        return OnSituation is not null;
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "tasks";
        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        Services = OnSituation is { } situation
            ? [.. situation.Services.Where(s => s.IsActive).OrderBy(s => s.Tier).ThenBy(s => s.Since).Select(s => (s.PartnerServiceId, services.NameOf(s.PartnerServiceId, language) ?? ""))]
            : [.. services.PublishedServices.Select(s => (s.Id, services.NameOf(s.Id, language) ?? s.Slug))];
        var own = User.ServiceId();
        Members = [.. (await db.Users.AsNoTracking()
                .Where(p => p.PartnerServiceId == own && p.DisabledAt == null)
                .OrderBy(p => p.DisplayName).ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.DisplayName })
                .ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.DisplayName))];
    }
}
