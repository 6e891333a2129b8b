using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Administrators and service leads invite people, change their roles and disable their
/// accounts; a change of role applies on the person's next request and disabling ends their
/// sessions at once. A lead stays within their own service.
/// </summary>
public abstract class ManagingPeopleTests(CashApp app)
{
    private const string Invite = "/pro/admin/personnes/inviter";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdministratorInvitesAMemberOfLeDeclic()
    {
        var declic = await ServiceIdAsync("le-declic");
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var address = NewAddress();

        var form = await admin.GetPageAsync(Invite);
        Assert.Equal(4, form.QuerySelectorAll("fieldset input[type='radio'][name='Input.Role']").Length);
        Assert.NotNull(form.QuerySelector("fieldset legend"));
        using var sent = await admin.PostFormAsync(Invite, Fields(("Input.Email", address), ("Input.Role", "Member"), ("Input.ServiceId", declic.ToString())));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var page = await sent.ReadPageAsync();
        Assert.Null(page.QuerySelector(".error-summary"));
        Assert.Contains(address, page.QuerySelector("main .notice")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("72", page.QuerySelector("main .notice")?.TextContent ?? "", StringComparison.Ordinal);
        var html = await sent.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain("/pro/invitation/", html, StringComparison.Ordinal);

        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == address, Cancellation));
        Assert.Equal((ProRole.Member, declic, person.Id), (invitation.Role, invitation.PartnerServiceId, invitation.InvitedById));
        Assert.True(invitation.IsOpenAt(DateTimeOffset.UtcNow));
        var mail = Assert.Single(app.Mail.MessagesTo(address));
        Assert.Contains("https://localhost/pro/invitation/", mail.TextBody, StringComparison.Ordinal);
        Assert.True(await AuditedAsync(AuditActions.InvitationCreate, nameof(Invitation), invitation.Id.ToString(), person.Id));

        var list = await admin.GetPageAsync("/pro/admin/personnes");
        Assert.Contains(list.QuerySelectorAll("main table tbody th"), cell => cell.TextContent.Trim() == address);
    }

    [Fact]
    public async Task ALeadCannotInviteAnAdministratorAndInvitesOnlyIntoTheirOwnService()
    {
        var declic = await ServiceIdAsync("le-declic");
        var passerelle = await ServiceIdAsync("la-passerelle");
        var (lead, _) = await app.SignInAsAsync(ProRole.Lead, "le-declic");
        using var _ = lead;

        var form = await lead.GetPageAsync(Invite);
        Assert.Equal(["Member", "Lead"], form.QuerySelectorAll("input[name='Input.Role']").Select(r => r.GetAttribute("value")));
        Assert.Null(form.QuerySelector("select[name='Input.ServiceId']"));

        var refusedAddress = NewAddress();
        using var refused = await lead.PostFormAsync(Invite, Fields(("Input.Email", refusedAddress), ("Input.Role", "Administrator")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadPageAsync();
        Assert.Equal(["#Input_Role"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("#Input_Role-error"));
        Assert.Equal(refusedAddress, page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.False(await app.InDatabaseAsync(db => db.Invitations.AnyAsync(i => i.Email == refusedAddress, Cancellation)));

        // Another service slipped into the request is ignored: a lead invites into their own.
        var address = NewAddress();
        using var sent = await lead.PostFormAsync(Invite, Fields(("Input.Email", address), ("Input.Role", "Member"), ("Input.ServiceId", passerelle.ToString())));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Email == address, Cancellation));
        Assert.Equal(declic, invitation.PartnerServiceId);
    }

    [Fact]
    public async Task InvitingRefusesABadAddressAnAccountThatExistsAndAMissingService()
    {
        var existing = await app.CreateProfessionalAsync(ProRole.Member, "la-passerelle");
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        using var taken = await admin.PostFormAsync(Invite, Fields(("Input.Email", existing.Email.ToUpperInvariant()), ("Input.Role", "Member"), ("Input.ServiceId", "")));
        var page = await taken.ReadPageAsync();
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(["#Input_Email", "#Input_ServiceId"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal));

        using var forged = await admin.PostFormAsync(Invite, Fields(("Input.Email", "pas-une-adresse"), ("Input.Role", "99"), ("Input.ServiceId", "x")));
        var forgedPage = await forged.ReadPageAsync();
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(["#Input_Email", "#Input_Role", "#Input_ServiceId"], forgedPage.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal));
        Assert.False(await app.InDatabaseAsync(db => db.Invitations.AnyAsync(i => i.Email == "pas-une-adresse" || i.Email == existing.Email, Cancellation)));
    }

    [Fact]
    public async Task WhenTheEmailCannotBeSentTheInviterIsWarnedAndNoLinkIsShown()
    {
        var blocked = Path.Combine(app.Mail.Path, "not-a-folder.txt");
        await File.WriteAllTextAsync(blocked, "a file where the mail folder should be", Cancellation);
        using var failing = app.Using(new AppSettings("Smtp:PickupDirectory", Path.Combine(blocked, "mail")));
        var (admin, _) = await failing.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var address = NewAddress();

        using var response = await admin.PostFormAsync(Invite, Fields(("Input.Email", address), ("Input.Role", "Administrator"), ("Input.ServiceId", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Contains(address, page.QuerySelector("main .warning-box")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("/pro/invitation/", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.True(await app.InDatabaseAsync(db => db.Invitations.AnyAsync(i => i.Email == address, Cancellation)));
    }

    [Fact]
    public async Task AnInvitationIsWithdrawnFromTheListAndItsWithdrawalAudited()
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        var address = NewAddress();
        using var sent = await admin.PostFormAsync(Invite, Fields(("Input.Email", address), ("Input.Role", "Coordinator"), ("Input.ServiceId", (await ServiceIdAsync("egalite-des-chances")).ToString())));
        var id = await app.InDatabaseAsync(db => db.Invitations.Where(i => i.Email == address).Select(i => i.Id).SingleAsync(Cancellation));

        using var withdrawn = await admin.PostFormAsync("/pro/admin/personnes", Fields(("invitationId", id.ToString())));

        ProfessionalSessions.AssertRedirect(withdrawn, "/pro/admin/personnes", "withdrawing");
        var invitation = await app.InDatabaseAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.Id == id, Cancellation));
        Assert.NotNull(invitation.RevokedAt);
        Assert.True(await AuditedAsync(AuditActions.InvitationRevoke, nameof(Invitation), id.ToString(), person.Id));
        var list = await admin.GetPageAsync(withdrawn.Headers.Location!.OriginalString);
        Assert.NotNull(list.QuerySelector("main .notice"));
        Assert.DoesNotContain(list.QuerySelectorAll("main th"), cell => cell.TextContent.Trim() == address);
    }

    [Fact]
    public async Task AChangeOfRoleAppliesOnThePersonsNextRequest()
    {
        var (member, memberPerson) = await app.SignInAsAsync(ProRole.Member, "le-declic");
        using var _ = member;
        using (var before = await member.GetAsync(new Uri("/pro/admin/personnes", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        var (admin, adminPerson) = await app.SignInAsAsync(ProRole.Administrator);
        using var __ = admin;
        var details = $"/pro/admin/personnes/{memberPerson.Id}";
        var page = await admin.GetPageAsync(details);
        Assert.Contains(memberPerson.Email, page.QuerySelector("main .summary-list")?.TextContent ?? "", StringComparison.Ordinal);

        using var changed = await admin.PostFormAsync(details, Fields(("Input.Role", "Lead")));

        ProfessionalSessions.AssertRedirect(changed, details, "changing the role");
        Assert.Equal(ProRole.Lead, await app.InDatabaseAsync(db => db.Users.Where(p => p.Id == memberPerson.Id).Select(p => p.Role).SingleAsync(Cancellation)));
        Assert.True(await AuditedAsync(AuditActions.RoleChange, nameof(Professional), memberPerson.Id.ToString(), adminPerson.Id));
        using var after = await member.GetAsync(new Uri("/pro/admin/personnes", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task DisablingAPersonEndsTheirSessionOnTheNextRequestAndReenablingLetsThemBackIn()
    {
        var (member, memberPerson) = await app.SignInAsAsync(ProRole.Member, "la-passerelle");
        using var _ = member;
        using (var before = await member.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var (admin, adminPerson) = await app.SignInAsAsync(ProRole.Administrator);
        using var __ = admin;
        var details = $"/pro/admin/personnes/{memberPerson.Id}";
        using var disabled = await admin.PostFormAsync(details, Fields(), "main form[action*='handler=Disable']");

        ProfessionalSessions.AssertRedirect(disabled, details, "disabling");
        using (var after = await member.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation))
        {
            ProfessionalSessions.AssertRedirect(after, "/pro/connexion", "the disabled person's next request");
        }

        var sessions = await app.InDatabaseAsync(db => db.UserSessions.AsNoTracking().Where(s => s.ProfessionalId == memberPerson.Id).ToListAsync(Cancellation));
        Assert.All(sessions, s => Assert.Equal(SessionEnd.AccountDisabled, s.EndReason));
        Assert.True(await AuditedAsync(AuditActions.Disable, nameof(Professional), memberPerson.Id.ToString(), adminPerson.Id));
        var list = await admin.GetPageAsync("/pro/admin/personnes");
        Assert.NotNull(list.QuerySelector($"main a[href='{details}']")?.Closest("tr")?.QuerySelector(".status-bad"));

        using var enabled = await admin.PostFormAsync(details, Fields(), "main form[action*='handler=Enable']");
        ProfessionalSessions.AssertRedirect(enabled, details, "re-enabling");
        Assert.True(await AuditedAsync(AuditActions.Enable, nameof(Professional), memberPerson.Id.ToString(), adminPerson.Id));
        using var again = await app.SignInAsync(memberPerson);
        using var home = await again.GetAsync(new Uri("/pro", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task ALeadManagesOnlyTheMembersOfTheirOwnService()
    {
        var colleague = await app.CreateProfessionalAsync(ProRole.Member, "le-declic");
        var stranger = await app.CreateProfessionalAsync(ProRole.Member, "la-passerelle");
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, "le-declic");
        var (lead, leadPerson) = await app.SignInAsAsync(ProRole.Lead, "le-declic");
        using var _ = lead;

        var list = await lead.GetPageAsync("/pro/admin/personnes");
        var shown = list.QuerySelectorAll("main table tbody tr a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/pro/admin/personnes/{colleague.Id}", shown);
        Assert.Contains($"/pro/admin/personnes/{leadPerson.Id}", shown);
        Assert.DoesNotContain($"/pro/admin/personnes/{stranger.Id}", shown);
        Assert.DoesNotContain($"/pro/admin/personnes/{coordinator.Id}", shown);
        Assert.Null(list.QuerySelector("select[name='service']"));

        foreach (var hidden in new[] { stranger.Id, coordinator.Id })
        {
            using var response = await lead.GetAsync(new Uri($"/pro/admin/personnes/{hidden}", UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var own = await lead.GetPageAsync($"/pro/admin/personnes/{leadPerson.Id}");
        Assert.Null(own.QuerySelector("main form[action*='handler=Disable']"));
        Assert.Null(own.QuerySelector("main form[action*='handler=Role']"));

        using var promoted = await lead.PostFormAsync($"/pro/admin/personnes/{colleague.Id}", Fields(("Input.Role", "Coordinator")));
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var refused = await promoted.ReadPageAsync();
        Assert.Equal(["#Input_Role"], refused.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Equal(ProRole.Member, await app.InDatabaseAsync(db => db.Users.Where(p => p.Id == colleague.Id).Select(p => p.Role).SingleAsync(Cancellation)));
    }

    [Fact]
    public async Task InvitingAsksForThePasswordAgainAfterTenMinutes()
    {
        var (admin, person) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;
        // Signing in counts as a confirmation: forget it, as if the 10 minutes had passed.
        await app.InDatabaseAsync(db => db.UserSessions
            .Where(s => s.ProfessionalId == person.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReauthenticatedAt, (DateTimeOffset?)null), Cancellation));

        using var asked = await admin.GetAsync(new Uri(Invite, UriKind.Relative), Cancellation);
        ProfessionalSessions.AssertRedirect(asked, "/pro/confirmer", "the invitation page");

        await admin.ConfirmPasswordAsync(person, Invite);
        await admin.GetPageAsync(Invite);
    }

    private async Task<bool> AuditedAsync(string action, string entityType, string entityId, Guid actorId) =>
        await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().AnyAsync(
            e => e.Action == action && e.EntityType == entityType && e.EntityId == entityId && e.ActorId == actorId && e.Outcome == AuditOutcome.Success, Cancellation));

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));

    private static string NewAddress() => $"invitee-{Guid.NewGuid():N}@example.be";

    private static Dictionary<string, string?> Fields(params (string Name, string? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value);
}

public sealed class ManagingPeopleOnSqlite(SqliteMailFolderCashApp app) : ManagingPeopleTests(app), IClassFixture<SqliteMailFolderCashApp>;

public sealed class ManagingPeopleOnPostgres(PostgresMailFolderCashApp app) : ManagingPeopleTests(app), IClassFixture<PostgresMailFolderCashApp>;
