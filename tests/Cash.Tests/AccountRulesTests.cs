using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Tests;

/// <summary>The rules that live on the account entities and in the authorization handlers, checked directly.</summary>
public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnInvitationIsOpenFor72HoursAndStoresOnlyAKeyedHashOfItsToken()
    {
        var tokens = new Cash.Web.People.InvitationTokens(new Cash.Web.Security.MasterKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Cash.Web.Security.MasterKey.Length)));
        var (invitation, token) = tokens.Create("someone@example.be", ProRole.Member, 8, null, Now);

        Assert.True(token.Length >= 43, "256 random bits in base64url");
        Assert.Equal(32, invitation.TokenHash.Length);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), invitation.TokenHash);
        Assert.DoesNotContain(token, Convert.ToBase64String(invitation.TokenHash), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => invitation.SealToken(new byte[32]));
        Assert.True(invitation.IsOpenAt(Now.AddHours(71.9)));
        Assert.False(invitation.IsOpenAt(Now.AddHours(72)));
    }

    [Fact]
    public void AnInvitationIsSpentOnceAccepted()
    {
        var (invitation, _) = Invitation.Create("someone@example.be", ProRole.Member, 8, null, Now);
        invitation.AttachAccount(Guid.NewGuid(), Now);
        invitation.Accept(Now.AddMinutes(5));

        Assert.False(invitation.IsOpenAt(Now.AddMinutes(6)));
        Assert.Throws<InvalidOperationException>(() => invitation.Accept(Now.AddMinutes(7)));
        Assert.Throws<InvalidOperationException>(() => invitation.AttachAccount(Guid.NewGuid(), Now.AddMinutes(7)));
    }

    [Fact]
    public void AnInvitationCannotBeAcceptedBeforeItsAccountExistsNorAfterExpiryOrRevocation()
    {
        var (fresh, _) = Invitation.Create("a@example.be", ProRole.Member, 8, null, Now);
        Assert.Throws<InvalidOperationException>(() => fresh.Accept(Now));

        var (late, _) = Invitation.Create("b@example.be", ProRole.Member, 8, null, Now);
        Assert.Throws<InvalidOperationException>(() => late.AttachAccount(Guid.NewGuid(), Now.AddDays(4)));

        var (revoked, _) = Invitation.Create("c@example.be", ProRole.Member, 8, null, Now);
        revoked.Revoke(Now);
        Assert.False(revoked.IsOpenAt(Now));
    }

    [Theory]
    [InlineData(ProRole.Member)]
    [InlineData(ProRole.Lead)]
    [InlineData(ProRole.Coordinator)]
    public void EveryRoleButAdministratorBelongsToAService(ProRole role)
    {
        Assert.Throws<InvalidOperationException>(() => new Professional("x@example.be", "X", role, null));
        Assert.Throws<InvalidOperationException>(() => Invitation.Create("x@example.be", role, null, null, Now));
        var administrator = new Professional("y@example.be", "Y", ProRole.Administrator, null);
        Assert.Throws<InvalidOperationException>(() => administrator.ChangeRole(role, null));
    }

    [Fact]
    public void ATotpTimeStepIsAcceptedOnceAndNeverAnEarlierOne()
    {
        var person = new Professional("x@example.be", "X", ProRole.Administrator, null);

        Assert.True(person.TryUseTotpTimeStep(1000));
        Assert.False(person.TryUseTotpTimeStep(1000));
        Assert.False(person.TryUseTotpTimeStep(999));
        Assert.True(person.TryUseTotpTimeStep(1001));
    }

    [Fact]
    public void ASessionEndsAfter30IdleMinutesOr12HoursWhateverTheActivity()
    {
        var session = new UserSession(Guid.NewGuid(), Now);

        Assert.True(session.IsActiveAt(Now.AddMinutes(29)));
        Assert.False(session.IsActiveAt(Now.AddMinutes(30)));

        var busy = new UserSession(Guid.NewGuid(), Now);
        for (var t = Now; t < Now.AddHours(12); t = t.AddMinutes(20))
        {
            busy.Touch(t);
        }

        Assert.True(busy.IsActiveAt(Now.AddHours(11.9)));
        Assert.False(busy.IsActiveAt(Now.AddHours(12)));
    }

    [Fact]
    public void AnEndedSessionStaysEndedAndKeepsItsFirstReason()
    {
        var session = new UserSession(Guid.NewGuid(), Now);
        session.End(Now.AddMinutes(1), SessionEnd.SignedOut);
        session.End(Now.AddMinutes(2), SessionEnd.AccountDisabled);

        Assert.False(session.IsActiveAt(Now.AddMinutes(3)));
        Assert.Equal(SessionEnd.SignedOut, session.EndReason);
    }

    [Fact]
    public void ReauthenticationCountsFor10Minutes()
    {
        var session = new UserSession(Guid.NewGuid(), Now);
        Assert.True(session.WasReauthenticatedRecently(Now.AddMinutes(9)));
        Assert.False(session.WasReauthenticatedRecently(Now.AddMinutes(10)));

        session.Reauthenticate(Now.AddMinutes(20));
        Assert.True(session.WasReauthenticatedRecently(Now.AddMinutes(25)));
    }

    [Theory]
    [InlineData(ProRole.Administrator, null, ProRole.Administrator, null, true)]
    [InlineData(ProRole.Administrator, null, ProRole.Member, 3, true)]
    [InlineData(ProRole.Lead, 8, ProRole.Member, 8, true)]
    [InlineData(ProRole.Lead, 8, ProRole.Lead, 8, true)]
    [InlineData(ProRole.Lead, 8, ProRole.Member, 3, false)]
    [InlineData(ProRole.Lead, 8, ProRole.Coordinator, 8, false)]
    [InlineData(ProRole.Lead, 8, ProRole.Administrator, null, false)]
    [InlineData(ProRole.Coordinator, 9, ProRole.Member, 9, false)]
    [InlineData(ProRole.Member, 8, ProRole.Member, 8, false)]
    public void WhoMayGiveWhichRole(ProRole actor, int? actorService, ProRole role, int? service, bool allowed) =>
        Assert.Equal(allowed, RoleAssignment.IsAllowed(Principal(actor, actorService), role, service));

    [Theory]
    [InlineData(ProRole.Administrator, null, 8, true)]
    [InlineData(ProRole.Lead, 8, 8, true)]
    [InlineData(ProRole.Lead, 8, 3, false)]
    [InlineData(ProRole.Member, 8, 8, false)]
    [InlineData(ProRole.Coordinator, 8, 8, false)]
    public void WhoMayEditAServicesPublicProfile(ProRole actor, int? actorService, int serviceId, bool allowed)
    {
        var service = new PartnerService("x", ServiceKind.YouthAid, "056/00 00 00", "x@example.be");
        typeof(PartnerService).GetProperty(nameof(PartnerService.Id))!.SetValue(service, serviceId);

        Assert.Equal(allowed, Allows(PartnerServiceAccess.Rule, Principal(actor, actorService), CashOperations.Edit, service));
    }

    [Theory]
    [InlineData(ProRole.Administrator, null, ProRole.Member, 8, true)]
    [InlineData(ProRole.Administrator, null, ProRole.Administrator, null, true)]
    [InlineData(ProRole.Lead, 8, ProRole.Member, 8, true)]
    [InlineData(ProRole.Lead, 8, ProRole.Member, 3, false)]
    [InlineData(ProRole.Lead, 8, ProRole.Coordinator, 8, false)]
    [InlineData(ProRole.Member, 8, ProRole.Member, 8, false)]
    public void WhoMayDisableAPerson(ProRole actor, int? actorService, ProRole targetRole, int? targetService, bool allowed)
    {
        var target = new Professional("t@example.be", "T", targetRole, targetService);

        Assert.Equal(allowed, Allows(ProfessionalAccess.Rule, Principal(actor, actorService), CashOperations.Disable, target));
    }

    [Fact]
    public void NobodyDisablesThemselvesButEveryoneSeesThemselves()
    {
        var self = new Professional("me@example.be", "Me", ProRole.Administrator, null);
        var principal = Principal(ProRole.Administrator, null, self.Id);
        var rule = ProfessionalAccess.Rule;

        Assert.False(Allows(rule, principal, CashOperations.Disable, self));
        Assert.False(Allows(rule, principal, CashOperations.ChangeRole, self));
        Assert.True(Allows(rule, principal, CashOperations.View, self));
    }

    private static ClaimsPrincipal Principal(ProRole role, int? service, Guid? id = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, (id ?? Guid.NewGuid()).ToString()), new(ClaimTypes.Role, role.ToString()) };
        if (service is { } s)
        {
            claims.Add(new Claim(CashClaims.Service, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    /// <summary>The rule on one record in memory: the rule itself, at the lowest level (the agreement with the database is tested apart).</summary>
    private static bool Allows<T>(AccessRule<T> rule, ClaimsPrincipal user, OperationAuthorizationRequirement operation, T record)
        where T : class =>
        rule.Allows(Viewer.Of(user), operation).Compile()(record);
}
