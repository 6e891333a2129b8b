using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.People;

/// <summary>
/// The people a manager looks after and the invitations still open: an administrator sees
/// everyone (and may narrow to one service), a lead the members and leads of their own service.
/// </summary>
[Authorize(Policy = ProPolicies.PeopleManager)]
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory, TimeProvider clock, AuditTrail audit) : PageModel
{
    /// <summary>The service chosen in the filter (administrators only), as typed in the address.</summary>
    [BindProperty(SupportsGet = true, Name = "service")]
    public string? ServiceFilter { get; set; }

    /// <summary>Set after an invitation was withdrawn (post, redirect, get).</summary>
    [BindProperty(SupportsGet = true, Name = "retiree")]
    public bool Withdrawn { get; set; }

    public bool IsAdministrator => User.IsInRole(ProRole.Administrator);

    public int? SelectedServiceId { get; private set; }

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public IReadOnlyList<PersonRow> People { get; private set; } = [];

    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Services = (await directory.GetAsync(cancellationToken)).All(CashCultures.CurrentLanguage);
        SelectedServiceId = IsAdministrator
            ? int.TryParse(ServiceFilter, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) && Services.Any(s => s.Id == chosen) ? chosen : null
            : User.ServiceId();

        var people = db.Users.AsNoTracking().Allowing(ProfessionalAccess.Rule, User, CashOperations.View);
        var invitations = db.Invitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > Now);
        if (IsAdministrator)
        {
            if (SelectedServiceId is { } serviceId)
            {
                people = people.Where(p => p.PartnerServiceId == serviceId);
                invitations = invitations.Where(i => i.PartnerServiceId == serviceId);
            }
        }
        else
        {
            // A lead manages the members and leads of their own service (ProfessionalAccess, RoleAssignment).
            var own = User.ServiceId();
            invitations = invitations.Where(i => i.PartnerServiceId == own && (i.Role == ProRole.Member || i.Role == ProRole.Lead));
        }

        People = await people
            .OrderBy(p => p.DisplayName)
            .ThenBy(p => p.Email)
            .Select(p => new PersonRow(p.Id, p.DisplayName, p.Email ?? "", p.Role, p.PartnerServiceId, p.TwoFactorEnabled, p.DisabledAt, p.LockoutEnd))
            .ToListAsync(cancellationToken);
        Invitations = await invitations
            .OrderBy(i => i.ExpiresAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Role, i.PartnerServiceId, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        ViewData["Section"] = "people";
    }

    /// <summary>Withdraws an open invitation: its link stops working at once.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);

        // Whoever could have sent the invitation may withdraw it; anyone else learns nothing about it.
        if (invitation is null || !invitation.IsOpenAt(now) || !RoleAssignment.IsAllowed(User, invitation.Role, invitation.PartnerServiceId))
        {
            return NotFound();
        }

        invitation.Revoke(now);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.InvitationRevoke, AuditOutcome.Success, nameof(Invitation), invitation.Id.ToString(), cancellationToken: cancellationToken);
        return RedirectToPage(new { retiree = true });
    }

    public sealed record PersonRow(Guid Id, string DisplayName, string Email, ProRole Role, int? ServiceId, bool TwoFactorEnabled, DateTimeOffset? DisabledAt, DateTimeOffset? LockoutEnd)
    {
        public PersonStatus StatusAt(DateTimeOffset now) =>
            DisabledAt is not null ? PersonStatus.Disabled
            : LockoutEnd > now ? PersonStatus.LockedOut
            : !TwoFactorEnabled ? PersonStatus.Activating
            : PersonStatus.Active;
    }

    public sealed record InvitationRow(Guid Id, string Email, ProRole Role, int? ServiceId, DateTimeOffset ExpiresAt);
}

/// <summary>Where an account stands, as the people pages show it.</summary>
public enum PersonStatus
{
    Active,

    /// <summary>The password is set but two-factor is not yet: the account cannot sign in.</summary>
    Activating,

    LockedOut,
    Disabled,
}
