using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.People;

/// <summary>
/// Creates an invitation, e-mails its single-use link and audits it; shared by the "invite" page
/// and the command line (<c>users invite</c>, how the first administrator gets in).
/// </summary>
public sealed class InvitationSender(CashDbContext db, InvitationTokens tokens, Mailer mailer, TimeProvider clock, AuditTrail audit, IConfiguration configuration)
{
    /// <summary>The public address of the site, for links in e-mails (<c>Site:BaseUrl</c>), when set.</summary>
    public Uri? ConfiguredBaseUrl => SiteAddress.Configured(configuration);

    public Task<bool> HasAccountAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.AnyAsync(p => p.NormalizedEmail == normalized, cancellationToken);
    }

    /// <summary>
    /// Invites <paramref name="email"/>; any earlier open invitation to the same address is withdrawn
    /// so only the newest link works. Returns the link and whether its e-mail was handed over.
    /// </summary>
    public async Task<SentInvitation> InviteAsync(string email, ProRole role, int? partnerServiceId, Guid? invitedById, Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var now = clock.GetUtcNow();
        var address = email.Trim();
        var earlier = await db.Invitations
            .Where(i => i.Email == address && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var open in earlier)
        {
            open.Revoke(now);
        }

        var (invitation, token) = tokens.Create(address, role, partnerServiceId, invitedById, now);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.InvitationCreate, AuditOutcome.Success, nameof(Invitation), invitation.Id.ToString(),
            actorId: invitedById, cancellationToken: cancellationToken);

        var link = new Uri(ConfiguredBaseUrl ?? baseUrl, $"/pro/invitation/{token}");
        try
        {
            await mailer.SendInvitationAsync(address, link, cancellationToken);
            return new SentInvitation(invitation.Id, link, EmailSent: true);
        }
        catch (MailDeliveryException)
        {
            return new SentInvitation(invitation.Id, link, EmailSent: false);
        }
    }
}

/// <param name="Link">Secret: shown only to the command line's operator, never logged.</param>
public sealed record SentInvitation(Guid Id, Uri Link, bool EmailSent);
