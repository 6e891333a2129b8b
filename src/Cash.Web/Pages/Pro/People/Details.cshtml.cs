using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Cash.Web.People;
using Cash.Web.Resources;
using Cash.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.People;

/// <summary>
/// One person's account as their manager sees it: change of role (and service), disabling and
/// re-enabling, and the recovery invitation after a lost phone. A new role applies on the person's
/// next request; disabling and the recovery invitation end their sessions at once.
/// </summary>
[Authorize(Policy = ProPolicies.PeopleManager)]
[RecentSignInRequired]
public sealed class DetailsModel(
    CashDbContext db,
    PartnerDirectoryCache directory,
    IAuthorizationService authorization,
    CashSignInManager signIn,
    SecondFactorResets secondFactorResets,
    TimeProvider clock,
    AuditTrail audit,
    IStringLocalizer<ProSpace> text) : PageModel
{
    /// <summary>Where the errors about disabling are filed: the disable button.</summary>
    public const string DisableField = "Disable";

    /// <summary>Where the errors about the recovery invitation are filed: its button.</summary>
    public const string SecondFactorField = "SecondFactor";

    /// <summary>The role form's input, bound by its own handler only: disabling someone posts no role.</summary>
    public RoleInput Input { get; private set; } = new();

    /// <summary>What was just done (post, redirect, get): <c>role</c>, <c>desactive</c>, <c>reactive</c>, <c>appareil</c> or <c>appareil-sans-mail</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public PersonSummary Person { get; private set; } = null!;

    public bool MayChangeRole { get; private set; }

    public bool MayDisable { get; private set; }

    public bool MayResetSecondFactor { get; private set; }

    public IReadOnlyList<ProRole> Roles { get; private set; } = [];

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public bool ChoosesService => RoleChoice.ChoosesService(User);

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await FindVisibleAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        Input = new RoleInput { Role = person.Role.ToString(), ServiceId = person.PartnerServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return await ShowAsync(person, cancellationToken);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, [FromForm(Name = nameof(Input))] RoleInput input, CancellationToken cancellationToken)
    {
        Done = null;
        Input = input;
        var person = await FindVisibleAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(person, CashOperations.ChangeRole))
        {
            return Forbid();
        }

        var chosen = await RoleChoice.ValidateAsync(User, Input.Role, Input.ServiceId,
            $"{nameof(Input)}.{nameof(RoleInput.Role)}", $"{nameof(Input)}.{nameof(RoleInput.ServiceId)}",
            ModelState, db, text, cancellationToken);
        if (chosen is { Role: not ProRole.Administrator } && await IsLastActiveAdministratorAsync(person, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(RoleInput.Role)}", text["People.Details.LastAdministrator"]);
        }

        if (!ModelState.IsValid || chosen is not { } assignment)
        {
            return await ShowAsync(person, cancellationToken);
        }

        if (assignment.Role != person.Role || assignment.ServiceId != person.PartnerServiceId)
        {
            person.ChangeRole(assignment.Role, assignment.ServiceId);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.RoleChange, AuditOutcome.Success, nameof(Professional), person.Id.ToString(), cancellationToken: cancellationToken);
        }

        return RedirectToPage(new { id, fait = "role" });
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken cancellationToken)
    {
        Done = null;
        var person = await FindVisibleAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(person, CashOperations.Disable))
        {
            return Forbid();
        }

        if (await IsLastActiveAdministratorAsync(person, cancellationToken))
        {
            ModelState.AddModelError(DisableField, text["People.Details.LastAdministrator"]);
            Input = new RoleInput { Role = person.Role.ToString(), ServiceId = person.PartnerServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return await ShowAsync(person, cancellationToken);
        }

        person.Disable(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await signIn.EndAllSessionsAsync(person.Id, SessionEnd.AccountDisabled);
        await audit.RecordAsync(AuditActions.Disable, AuditOutcome.Success, nameof(Professional), person.Id.ToString(), cancellationToken: cancellationToken);
        return RedirectToPage(new { id, fait = "desactive" });
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await FindVisibleAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(person, CashOperations.Disable))
        {
            return Forbid();
        }

        person.Enable();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.Enable, AuditOutcome.Success, nameof(Professional), person.Id.ToString(), cancellationToken: cancellationToken);
        return RedirectToPage(new { id, fait = "reactive" });
    }

    /// <summary>
    /// The recovery invitation after a lost phone and lost recovery codes: two-factor reset, sessions
    /// ended, a link e-mailed to the person and a notice to the service's leads (<see cref="SecondFactorResets"/>).
    /// </summary>
    public async Task<IActionResult> OnPostSecondFactorAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await FindVisibleAsync(id, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (!await IsAllowedAsync(person, CashOperations.ResetSecondFactor))
        {
            return Forbid();
        }

        if (person.IsDisabled)
        {
            Done = null;
            ModelState.AddModelError(SecondFactorField, text["People.Details.NewDevice.Disabled"]);
            Input = new RoleInput { Role = person.Role.ToString(), ServiceId = person.PartnerServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return await ShowAsync(person, cancellationToken);
        }

        var sent = await secondFactorResets.ResetAsync(person, User.ProfessionalId() ?? throw new InvalidOperationException("No one is signed in."),
            SiteAddress.For(HttpContext), cancellationToken);
        return RedirectToPage(new { id, fait = sent ? "appareil" : "appareil-sans-mail" });
    }

    /// <summary>The person, if the manager may see them; anyone else's page answers as if they did not exist.</summary>
    private async Task<Professional?> FindVisibleAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return person is not null && await IsAllowedAsync(person, CashOperations.View) ? person : null;
    }

    private async Task<bool> IsAllowedAsync(Professional person, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(User, person, operation)).Succeeded;

    /// <summary>The platform always keeps one administrator who can sign in: nobody may demote or disable the last one.</summary>
    private async Task<bool> IsLastActiveAdministratorAsync(Professional person, CancellationToken cancellationToken) =>
        person.Role == ProRole.Administrator
        && !person.IsDisabled
        && !await db.Users.AnyAsync(p => p.Id != person.Id && p.Role == ProRole.Administrator && p.DisabledAt == null, cancellationToken);

    private async Task<PageResult> ShowAsync(Professional person, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        Person = new PersonSummary(
            person.Id,
            person.DisplayName,
            person.Email ?? "",
            person.Role,
            Services.NameOf(person.PartnerServiceId),
            person.CreatedAt,
            person.TwoFactorEnabled,
            person.DisabledAt,
            person.LockoutEnd > Now ? person.LockoutEnd : null);
        MayChangeRole = await IsAllowedAsync(person, CashOperations.ChangeRole);
        MayDisable = await IsAllowedAsync(person, CashOperations.Disable);
        MayResetSecondFactor = await IsAllowedAsync(person, CashOperations.ResetSecondFactor);
        Roles = RoleAssignment.AssignableRoles(User);
        ViewData["Section"] = "people";
        return Page();
    }

    public sealed record PersonSummary(
        Guid Id,
        string DisplayName,
        string Email,
        ProRole Role,
        string? ServiceName,
        DateTimeOffset CreatedAt,
        bool TwoFactorEnabled,
        DateTimeOffset? DisabledAt,
        DateTimeOffset? LockedOutUntil);

    public sealed class RoleInput
    {
        /// <summary>A <see cref="ProRole"/> name; read by <see cref="RoleChoice"/>.</summary>
        public string? Role { get; set; }

        /// <summary>A partner service id, or empty for none (administrators only); ignored for leads.</summary>
        public string? ServiceId { get; set; }
    }
}
