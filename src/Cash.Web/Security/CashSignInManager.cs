using System.Globalization;
using System.Security.Claims;
using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cash.Web.Security;

/// <summary>
/// Identity's sign-in, made to fit the professionals' space: nobody signs in without a second
/// factor or while disabled; every successful sign-in opens a server-side <see cref="UserSession"/>
/// that the cookie names and that sign-out ends; every attempt is audited (without the address typed).
/// </summary>
public sealed class CashSignInManager(
    UserManager<Professional> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Professional> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Professional>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Professional> confirmation,
    CashDbContext db,
    TimeProvider clock,
    AuditTrail audit)
    : SignInManager<Professional>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    /// <summary>A disabled account, or one whose two-factor enrolment is unfinished, cannot sign in.</summary>
    public override async Task<bool> CanSignInAsync(Professional user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && user.TwoFactorEnabled && await base.CanSignInAsync(user);
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByEmailAsync(userName ?? "");
        if (user is null)
        {
            // Spend the time a real check takes, so the answer's delay does not tell which addresses have an account.
            UserManager.PasswordHasher.VerifyHashedPassword(DummyUser.Value, DummyHash.Value, password ?? "");
            await audit.RecordAsync(AuditActions.SignIn, AuditOutcome.Failure);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(Professional user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        // Sessions end with the browser: "remember me" has no place on shared school computers.
        var result = await base.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure);
        await RecordAsync(AuditActions.SignIn, user, result);
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        await RecordAsync(AuditActions.SignInSecondFactor, user, result);
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await RecordAsync(AuditActions.SignInRecoveryCode, user, result);
        return result;
    }

    public override async Task SignInWithClaimsAsync(Professional user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = new UserSession(user.Id, clock.GetUtcNow());
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        var claims = additionalClaims.Append(new Claim(CashClaims.Session, session.Id.ToString("D", CultureInfo.InvariantCulture)));
        await base.SignInWithClaimsAsync(user, authenticationProperties ?? new AuthenticationProperties(), claims);
    }

    /// <summary>Ends this browser's session on the server, so a copy of the cookie is worthless, then clears the cookies.</summary>
    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        if (principal.SessionId() is { } sessionId)
        {
            var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId);
            if (session is not null)
            {
                session.End(clock.GetUtcNow(), SessionEnd.SignedOut);
                await db.SaveChangesAsync();
                await audit.RecordAsync(AuditActions.SignOut, AuditOutcome.Success, nameof(Professional), session.ProfessionalId.ToString());
            }
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Ends every open session of a person (sign out everywhere, password change, second factor reset,
    /// disabled account) and revokes their calendar feed: a standing secret address is a credential too,
    /// and whoever may have taken the account may have copied it.
    /// </summary>
    public async Task EndAllSessionsAsync(Guid professionalId, SessionEnd reason)
    {
        var now = clock.GetUtcNow();
        var open = await db.UserSessions.Where(s => s.ProfessionalId == professionalId && s.EndedAt == null).ToListAsync();
        foreach (var session in open)
        {
            session.End(now, reason);
        }

        foreach (var feed in await db.CalendarFeeds.Where(f => f.ProfessionalId == professionalId && f.RevokedAt == null).ToListAsync())
        {
            feed.Revoke(now);
        }

        await db.SaveChangesAsync();
    }

    private static readonly Lazy<Professional> DummyUser = new(() => new Professional("nobody@invalid", "", ProRole.Administrator, null));

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Professional>().HashPassword(DummyUser.Value, Guid.NewGuid().ToString()));

    private Task RecordAsync(string action, Professional? user, SignInResult result)
    {
        var outcome = result.Succeeded || result.RequiresTwoFactor ? AuditOutcome.Success
            : result.IsLockedOut || result.IsNotAllowed ? AuditOutcome.Denied
            : AuditOutcome.Failure;
        var recorded = result.IsLockedOut ? AuditActions.LockedOut : action;
        return audit.RecordAsync(recorded, outcome, nameof(Professional), user?.Id.ToString(), actorId: user?.Id, partnerServiceId: user?.PartnerServiceId);
    }
}
