using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security;

/// <summary>
/// Checks the session cookie against the server on every request: the session must be open, not
/// idle for 30 minutes, not older than 12 hours, and its person not disabled. A role or service
/// changed by an administrator applies on the next request. One indexed query per request.
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.ProfessionalId() is not { } professionalId || principal.SessionId() is not { } sessionId)
        {
            await RejectAsync(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var db = services.GetRequiredService<CashDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var found = await db.UserSessions
            .Where(s => s.Id == sessionId && s.ProfessionalId == professionalId)
            .Join(db.Users, s => s.ProfessionalId, p => p.Id, (s, p) => new { Session = s, Person = p })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);

        if (found is null || found.Person.IsDisabled || !found.Session.IsActiveAt(now))
        {
            if (found is { Session.EndedAt: null })
            {
                found.Session.End(now, found.Person.IsDisabled ? SessionEnd.AccountDisabled : SessionEnd.Expired);
                await db.SaveChangesAsync(context.HttpContext.RequestAborted);
            }

            await RejectAsync(context);
            return;
        }

        if (found.Session.Touch(now))
        {
            await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        }

        if (principal.Role() != found.Person.Role || principal.ServiceId() != found.Person.PartnerServiceId)
        {
            var refreshed = await services.GetRequiredService<IUserClaimsPrincipalFactory<Professional>>().CreateAsync(found.Person);
            var identity = (ClaimsIdentity)refreshed.Identity!;
            foreach (var kept in principal.Claims.Where(c => c.Type is CashClaims.Session or "amr"))
            {
                identity.AddClaim(new Claim(kept.Type, kept.Value));
            }

            context.ReplacePrincipal(refreshed);
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
