using System.ComponentModel.DataAnnotations;
using Cash.Web.Authorization;
using Cash.Web.Data;
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
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.People;

/// <summary>
/// Invites a person by e-mail: a single-use link valid 72 hours. An administrator gives any role
/// in any service; a lead, member or lead of their own service. The link itself is never shown
/// here: it travels only by e-mail, to the person it was meant for.
/// </summary>
[Authorize(Policy = ProPolicies.PeopleManager)]
[RecentSignInRequired]
public sealed class InviteModel(CashDbContext db, PartnerDirectoryCache directory, InvitationSender sender, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ProRole> Roles { get; private set; } = [];

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public bool ChoosesService => RoleChoice.ChoosesService(User);

    /// <summary>A lead's own service, shown rather than chosen.</summary>
    public string? FixedServiceName { get; private set; }

    /// <summary>Set once the invitation exists: the confirmation replaces the form.</summary>
    public SentInvitationNotice? Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Role = nameof(ProRole.Member);
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var chosen = await RoleChoice.ValidateAsync(User, Input.Role, Input.ServiceId,
            $"{nameof(Input)}.{nameof(InputModel.Role)}", $"{nameof(Input)}.{nameof(InputModel.ServiceId)}",
            ModelState, db, text, cancellationToken);

        if (ModelState.GetFieldValidationState($"{nameof(Input)}.{nameof(InputModel.Email)}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && await sender.HasAccountAsync(Input.Email, cancellationToken))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Email)}", text["People.Invite.HasAccount"]);
        }

        if (!ModelState.IsValid || chosen is not { } assignment)
        {
            return await ShowAsync(cancellationToken);
        }

        var email = Input.Email.Trim();
        var sent = await sender.InviteAsync(email, assignment.Role, assignment.ServiceId, User.ProfessionalId(),
            SiteAddress.For(HttpContext), cancellationToken);
        Sent = new SentInvitationNotice(email, sent.EmailSent);
        return await ShowAsync(cancellationToken);
    }

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        Roles = RoleAssignment.AssignableRoles(User);
        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        FixedServiceName = ChoosesService ? null : Services.NameOf(User.ServiceId());
        ViewData["Section"] = "people";
        return Page();
    }

    public sealed record SentInvitationNotice(string Email, bool EmailSent);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "People.Invite.EmailRequired")]
        [EmailAddress(ErrorMessage = "People.Invite.EmailInvalid")]
        [StringLength(254, ErrorMessage = "People.Invite.EmailInvalid")]
        public string Email { get; set; } = "";

        /// <summary>A <see cref="ProRole"/> name; read by <see cref="RoleChoice"/>.</summary>
        [Required(ErrorMessage = "People.Role.Required")]
        public string? Role { get; set; }

        /// <summary>A partner service id, or empty for none (administrators only); ignored for leads.</summary>
        public string? ServiceId { get; set; }
    }
}
