using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Cash.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.People;

/// <summary>
/// A lost phone and lost recovery codes: a lead (for their service) or an administrator resets the
/// person's two-factor enrolment and sends a recovery invitation. Not an <see cref="Invitation"/>:
/// the account exists and keeps its password, so the link only lets the person set up a new
/// authenticator app, and only after typing that password (<c>/pro/nouvel-appareil/…</c>): the
/// mailbox alone is not enough. Who may do it is <see cref="Authorization.ProfessionalAccess"/>'s
/// <c>ResetSecondFactor</c>; the page asks for the manager's password again first.
/// </summary>
public sealed class SecondFactorResets(
    CashDbContext db,
    UserManager<Professional> users,
    CashSignInManager signIn,
    RecoveryLinks links,
    Mailer mailer,
    TimeProvider clock,
    AuditTrail audit,
    IConfiguration configuration)
{
    /// <summary>Where a recovery invitation leads; the page lives at this address plus the token.</summary>
    public const string EnrolPath = "/pro/nouvel-appareil/";

    /// <summary>
    /// In one transaction: the authenticator key and recovery codes deleted, two-factor off (so the
    /// account cannot sign in until it enrols again), the lockout lifted, every session ended, earlier
    /// recovery invitations withdrawn and a new one made. Then audited, and the content-free e-mails
    /// sent: the link to the person, a notice to the other leads of the person's service.
    /// </summary>
    /// <returns>Whether the person's e-mail was handed over.</returns>
    public async Task<bool> ResetAsync(Professional person, Guid issuedById, Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var now = clock.GetUtcNow();
        string token;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Set<IdentityUserToken<Guid>>().Where(t => t.UserId == person.Id).ExecuteDeleteAsync(cancellationToken);
            Succeed(await users.SetTwoFactorEnabledAsync(person, false));
            Succeed(await users.SetLockoutEndDateAsync(person, null));
            Succeed(await users.ResetAccessFailedCountAsync(person));
            await signIn.EndAllSessionsAsync(person.Id, SessionEnd.SecondFactorReset);

            var open = await db.RecoveryLinks
                .Where(l => l.ProfessionalId == person.Id && l.Purpose == RecoveryPurpose.SecondFactor && l.UsedAt == null && l.RevokedAt == null)
                .ToListAsync(cancellationToken);
            foreach (var earlier in open)
            {
                earlier.Revoke(now);
            }

            (var link, token) = links.Create(person.Id, RecoveryPurpose.SecondFactor, issuedById, now);
            db.RecoveryLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(AuditActions.SecondFactorReset, AuditOutcome.Success, nameof(Professional), person.Id.ToString(),
            actorId: issuedById, partnerServiceId: person.PartnerServiceId, cancellationToken: cancellationToken);

        var root = SiteAddress.Configured(configuration) ?? baseUrl;
        var sent = await TrySendAsync(() => mailer.SendSecondFactorResetAsync(person.Email ?? "", new Uri(root, EnrolPath + token), cancellationToken));
        if (person.PartnerServiceId is { } serviceId)
        {
            // The service's other leads hear of it, so a reset they did not expect does not go unnoticed.
            var leads = await db.Users.AsNoTracking()
                .Where(p => p.PartnerServiceId == serviceId && p.Role == ProRole.Lead && p.DisabledAt == null && p.Id != person.Id && p.Id != issuedById && p.Email != null)
                .Select(p => p.Email!)
                .ToListAsync(cancellationToken);
            foreach (var lead in leads)
            {
                await TrySendAsync(() => mailer.SendSecondFactorResetNoticeAsync(lead, new Uri(root, "/pro/admin/personnes"), cancellationToken));
            }
        }

        return sent;
    }

    private static async Task<bool> TrySendAsync(Func<Task> send)
    {
        try
        {
            await send();
            return true;
        }
        catch (MailDeliveryException)
        {
            // The mailer has logged it (without the address); the page says the e-mail did not leave.
            return false;
        }
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
