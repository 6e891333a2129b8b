using System.Net;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A situation's page and what the lead service does on it (issue 10, points 1 to 3): content for
/// the services involved, every view audited; metadata only for a coordinator whose service is not
/// involved; 404 for everyone else on every page; identities per person; the severity changed with a
/// reason written to the journal; closing with an outcome, reopening; details and people edited;
/// a change made meanwhile refused with what was typed kept.
/// </summary>
public abstract class WorkingASituationTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";
    private const string Mediation = "mediation-scolaire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACoordinatorWhoseServiceIsNotInvolvedSeesTheMetadataAndNothingElse()
    {
        const string summary = "Résumé que seul le Déclic doit lire";
        var id = await app.NewSituation().LedBy(Declic).Summary(summary).InSchool(await SchoolAsync(), "5D")
            .WithPerson("Initiales-secretes", new PersonIdentity("Prénom-secret", null, null, null, null)).SaveAsync();
        var person = await FirstPersonAsync(id);
        var (browser, coordinator) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");

        using (var response = await browser.GetAsync(new Uri($"/pro/situations/{id}", UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Cancellation);
            var page = await Visits.ParseAsync(html);
            Assert.NotNull(page.QuerySelector("#metadata-only"));
            Assert.NotNull(page.QuerySelector("#metadata"));
            Assert.Null(page.QuerySelector("#summary, #people, #situation-pages, form[method='post'][action*='handler']"));
            foreach (var secret in new[] { summary, "Initiales-secretes", "Prénom-secret", "5D" })
            {
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            }
        }

        await AssertNotFoundEverywhereAsync(browser, id, person, pageToo: false);
        var reads = await ReadsAsync(id);
        Assert.DoesNotContain(reads, r => r.ActorId == coordinator.Id);
    }

    [Fact]
    public async Task AnAdministratorAMemberOfAnotherServiceAndAServiceThatLeftSeeNothing()
    {
        var id = await app.NewSituation().LedBy(Declic).Involving(Mediation).WithPerson("P.").SaveAsync();
        var person = await FirstPersonAsync(id);
        await app.InDatabaseAsync(async db =>
        {
            var situation = await db.Situations.Include(s => s.Services).SingleAsync(s => s.Id == id, Cancellation);
            situation.Release(await db.PartnerServices.Where(s => s.Slug == Mediation).Select(s => s.Id).SingleAsync(Cancellation), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
        });

        foreach (var (role, service) in new (ProRole, string?)[] { (ProRole.Administrator, null), (ProRole.Lead, Passerelle), (ProRole.Member, Mediation) })
        {
            var (browser, _) = await app.SignInAsAsync(role, service);
            await AssertNotFoundEverywhereAsync(browser, id, person, pageToo: true);
            await AssertNotFoundEverywhereAsync(browser, Guid.NewGuid(), Guid.NewGuid(), pageToo: true);
        }
    }

    [Fact]
    public async Task IdentitiesAreShownPersonByPersonToThoseAllowedAndHiddenFromAPseudonymsService()
    {
        var id = await app.NewSituation().LedBy(Declic).Involving(Passerelle).Involving(Mediation)
            .WithPerson("Z.V.", new PersonIdentity("Zoé", "Verhaegen", new DateOnly(2011, 3, 27), "0470 12 34 56", null))
            .WithPerson("L.", new PersonIdentity("Lou", null, null, null, null), Mediation)
            .SaveAsync();
        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var (pseudonyms, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        var (consented, _) = await app.SignInAsAsync(ProRole.Member, Mediation);

        var seenByLead = await TextOfAsync(lead, $"/pro/situations/{id}");
        Assert.Contains("Zoé Verhaegen", seenByLead, StringComparison.Ordinal);
        Assert.Contains("0470 12 34 56", seenByLead, StringComparison.Ordinal);
        Assert.Contains("Lou", seenByLead, StringComparison.Ordinal);

        var seenWithoutConsent = await TextOfAsync(pseudonyms, $"/pro/situations/{id}");
        Assert.Contains("Z.V.", seenWithoutConsent, StringComparison.Ordinal);
        Assert.Contains("L.", seenWithoutConsent, StringComparison.Ordinal);
        foreach (var hidden in new[] { "Zoé", "Verhaegen", "0470", "Lou" })
        {
            Assert.DoesNotContain(hidden, seenWithoutConsent, StringComparison.Ordinal);
        }

        var seenWithConsentToOne = await TextOfAsync(consented, $"/pro/situations/{id}");
        Assert.Contains("Lou", seenWithConsentToOne, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoé", seenWithConsentToOne, StringComparison.Ordinal);

        // Nor does the person's form show or take the identity from a service that may not see it.
        var content = app.Services.GetRequiredService<SituationContent>();
        var zoeRow = await FindPersonAsync(id, "Z.V.");
        var form = await pseudonyms.GetPageAsync($"/pro/situations/{id}/personnes/{zoeRow}");
        Assert.NotNull(form.QuerySelector("#identity-not-yours"));
        Assert.Null(form.QuerySelector("input[name='Input.FirstName']"));
        Assert.DoesNotContain("Verhaegen", form.DocumentElement.OuterHtml, StringComparison.Ordinal);
        using (var forged = await pseudonyms.PostFormAsync($"/pro/situations/{id}/personnes/{zoeRow}", new Dictionary<string, string?>
        {
            ["Input.FirstName"] = "Remplacé",
            ["Input.Pseudonym"] = "Z.",
        }))
        {
            ProfessionalSessions.AssertRedirect(forged, $"/pro/situations/{id}", "editing a person");
        }

        var stored = await app.InDatabaseAsync(db => db.InvolvedPeople.AsNoTracking().SingleAsync(p => p.Id == zoeRow, Cancellation));
        Assert.Equal("Z.", await content.PseudonymAsync(stored, Cancellation));
        Assert.Equal("Zoé", (await content.IdentityAsync(stored, Cancellation))!.FirstName);
    }

    [Fact]
    public async Task ChangingTheSeverityNeedsAReasonAndWritesItToTheSharedJournal()
    {
        var id = await app.NewSituation().LedBy(Declic).Involving(Passerelle).WithSeverity(Severity.Repeated).SaveAsync();
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var url = $"/pro/situations/{id}";

        using (var noReason = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["SeverityChange.Level"] = nameof(Severity.Danger) }))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            var page = await noReason.ReadPageAsync();
            Assert.Equal(Translations.Situation("Details.Reason.Required", "fr"), page.QuerySelector(".error-summary a[href='#SeverityChange_Reason']")?.TextContent);
            Assert.True(page.QuerySelector("input[name='SeverityChange.Level'][value='Danger']")!.HasAttribute("checked"));
        }

        Assert.Equal(Severity.Repeated, (await app.LoadSituationAsync(id)).Severity);
        Assert.False(await app.InDatabaseAsync(db => db.JournalEntries.AnyAsync(e => e.SituationId == id, Cancellation)));

        const string reason = "La jeune a parlé de se faire du mal : danger immédiat.";
        using (var changed = await browser.PostFormAsync(url, new Dictionary<string, string?>
        {
            ["SeverityChange.Level"] = nameof(Severity.Danger),
            ["SeverityChange.Reason"] = reason,
        }))
        {
            ProfessionalSessions.AssertRedirect(changed, url, "changing the severity");
        }

        var situation = await app.LoadSituationAsync(id);
        Assert.Equal(Severity.Danger, situation.Severity);
        Assert.Equal(1, situation.EntryCount);
        var entry = await app.InDatabaseAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(e => e.SituationId == id, Cancellation));
        Assert.Equal((JournalKind.SeverityChange, SharingTier.Shared, person.Id), (entry.Kind, entry.Tier, entry.AuthorId));
        Assert.DoesNotContain(reason, Encoding.UTF8.GetString(entry.Text!), StringComparison.Ordinal);
        Assert.Equal(reason, await app.Services.GetRequiredService<SituationContent>().EntryTextAsync(entry, Cancellation));

        // Only the lead service changes it: an involved service's post finds nothing.
        var (other, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        using var refused = await other.PostRawAsync($"{url}?handler=Severity", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await other.AntiforgeryTokenAsync(url),
            ["SeverityChange.Level"] = nameof(Severity.Concern),
            ["SeverityChange.Reason"] = "Non",
            ["SeverityChange.Version"] = situation.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(Severity.Danger, (await app.LoadSituationAsync(id)).Severity);
    }

    [Fact]
    public async Task ClosingNeedsAnOutcomeAndTheLeadServiceReopens()
    {
        var id = await app.NewSituation().LedBy(Declic).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Lead, Declic);
        var url = $"/pro/situations/{id}";

        using (var noOutcome = await browser.PostFormAsync(url, new Dictionary<string, string?>(), "form[action*='handler=Close']"))
        {
            Assert.Equal(HttpStatusCode.OK, noOutcome.StatusCode);
            Assert.NotNull((await noOutcome.ReadPageAsync()).QuerySelector(".error-summary a[href='#Closing_Outcome']"));
        }

        Assert.False((await app.LoadSituationAsync(id)).IsClosed);
        using (var closed = await browser.PostFormAsync(url, new Dictionary<string, string?> { ["Closing.Outcome"] = nameof(SituationOutcome.Resolved) }))
        {
            ProfessionalSessions.AssertRedirect(closed, url, "closing");
        }

        var situation = await app.LoadSituationAsync(id);
        Assert.Equal((SituationStatus.Closed, SituationOutcome.Resolved), (situation.Status, situation.Outcome));
        var page = await browser.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[action*='handler=Close'], form[action*='handler=Severity']"));
        using (var edit = await browser.GetAsync(new Uri($"{url}/modifier", UriKind.Relative), Cancellation))
        {
            Assert.Contains("id=\"closed\"", await edit.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        using (var reopened = await browser.PostFormAsync(url, new Dictionary<string, string?>(), "form[action*='handler=Reopen']"))
        {
            ProfessionalSessions.AssertRedirect(reopened, url, "reopening");
        }

        situation = await app.LoadSituationAsync(id);
        Assert.Equal(SituationStatus.InProgress, situation.Status);
        Assert.Null(situation.Outcome);
    }

    [Fact]
    public async Task EveryViewOfTheContentIsAuditedOnce()
    {
        var id = await app.NewSituation().LedBy(Declic).Involving(Passerelle).SaveAsync();
        var (lead, leadPerson) = await app.SignInAsAsync(ProRole.Member, Declic);
        var (involved, involvedPerson) = await app.SignInAsAsync(ProRole.Member, Passerelle);

        await lead.GetPageAsync($"/pro/situations/{id}");
        await lead.GetPageAsync($"/pro/situations/{id}");
        await involved.GetPageAsync($"/pro/situations/{id}");
        await lead.GetPageAsync($"/pro/situations/{id}/modifier");

        var reads = await ReadsAsync(id);
        Assert.Equal(3, reads.Count(r => r.ActorId == leadPerson.Id));
        var read = Assert.Single(reads, r => r.ActorId == involvedPerson.Id);
        Assert.Equal((nameof(Situation), AuditOutcome.Success, involvedPerson.PartnerServiceId), (read.EntityType, read.Outcome, read.PartnerServiceId));
    }

    [Fact]
    public async Task TheLeadServiceEditsTheDetailsAndAChangeMadeMeanwhileIsRefusedWithWhatWasTypedKept()
    {
        var school = await SchoolAsync();
        var id = await app.NewSituation().LedBy(Declic).Involving(Passerelle).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var edit = $"/pro/situations/{id}/modifier";
        const string summary = "Les faits ont lieu aussi à la cantine.";

        using (var saved = await browser.PostFormAsync(edit, new Dictionary<string, string?>
        {
            ["Input.School"] = school.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ClassName"] = " 4A ",
            ["Input.Summary"] = summary,
        }))
        {
            ProfessionalSessions.AssertRedirect(saved, $"/pro/situations/{id}", "editing the details");
        }

        var situation = await app.LoadSituationAsync(id);
        Assert.Equal((school, "4A", false), (situation.SchoolId, situation.ClassName, situation.OutsideSchool));
        Assert.Equal(summary, await app.Services.GetRequiredService<SituationContent>().SummaryAsync(situation, Cancellation));

        // The form was read at one version; someone changes the situation; the form is sent.
        var form = await browser.GetPageAsync(edit);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var shownVersion = form.QuerySelector("input[name='Version']")!.GetAttribute("value")!;
        await app.InDatabaseAsync(async db =>
        {
            var meanwhile = await db.Situations.SingleAsync(s => s.Id == id, Cancellation);
            meanwhile.ChangeSeverity(Severity.Serious, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancellation);
        });
        const string typed = "Ce que j'ai tapé pendant ce temps.";
        using var late = await browser.PostRawAsync(edit, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = shownVersion,
            ["Input.School"] = "dehors",
            ["Input.Summary"] = typed,
        });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await late.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Equal(typed, page.QuerySelector("textarea[name='Input.Summary']")!.TextContent.TrimStart('\n'));
        Assert.NotEqual(shownVersion, page.QuerySelector("input[name='Version']")!.GetAttribute("value"));
        situation = await app.LoadSituationAsync(id);
        Assert.Equal(school, situation.SchoolId);
        Assert.Equal(summary, await app.Services.GetRequiredService<SituationContent>().SummaryAsync(situation, Cancellation));

        // The same for a severity change sent from a page shown before.
        using var lateSeverity = await browser.PostRawAsync($"/pro/situations/{id}?handler=Severity", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["SeverityChange.Version"] = shownVersion,
            ["SeverityChange.Level"] = nameof(Severity.Concern),
            ["SeverityChange.Reason"] = "Raison tapée trop tard",
        });
        Assert.Equal(HttpStatusCode.Conflict, lateSeverity.StatusCode);
        Assert.Equal("Raison tapée trop tard", (await lateSeverity.ReadPageAsync()).QuerySelector("textarea[name='SeverityChange.Reason']")!.TextContent.TrimStart('\n'));
        Assert.Equal(Severity.Serious, (await app.LoadSituationAsync(id)).Severity);

        // Only the lead service edits the details.
        var (involved, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        using var notLead = await involved.GetAsync(new Uri(edit, UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, notLead.StatusCode);
    }

    [Fact]
    public async Task AnInvolvedServiceAddsPeopleAndOnlyTheLeadServiceEntersAnIdentity()
    {
        var id = await app.NewSituation().LedBy(Declic).Involving(Passerelle).SaveAsync();
        var (involved, _) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        var add = $"/pro/situations/{id}/personnes/ajouter";
        var content = app.Services.GetRequiredService<SituationContent>();

        var form = await involved.GetPageAsync(add);
        Assert.NotNull(form.QuerySelector("#identity-not-yours"));
        Assert.Null(form.QuerySelector("input[name='Input.LastName']"));

        using (var invalid = await involved.PostFormAsync(add, new Dictionary<string, string?>
        {
            ["Input.Role"] = nameof(PersonRole.Witness),
            ["Input.Pseudonym"] = "",
            ["Input.Age"] = "14",
            ["Input.AgeBand"] = "Under10",
        }))
        {
            Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
            var page = await invalid.ReadPageAsync();
            Assert.Equal(["#Input_Pseudonym", "#Input_Age"], page.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
            Assert.Equal(Translations.Situation("Person.Pseudonym.Required", "fr"), page.QuerySelector(".error-summary a")!.TextContent);
            Assert.Equal("14", page.QuerySelector("input[name='Input.Age']")!.GetAttribute("value"));
            Assert.True(page.QuerySelector("input[name='Input.Role'][value='Witness']")!.HasAttribute("checked"));
        }

        using (var added = await involved.PostFormAsync(add, new Dictionary<string, string?>
        {
            ["Input.Role"] = nameof(PersonRole.Witness),
            ["Input.Pseudonym"] = "T.",
            ["Input.Age"] = "14",
            ["Input.LastName"] = "Glissé",
        }))
        {
            ProfessionalSessions.AssertRedirect(added, $"/pro/situations/{id}", "adding a person");
        }

        var witness = await app.InDatabaseAsync(db => db.InvolvedPeople.AsNoTracking().SingleAsync(p => p.SituationId == id, Cancellation));
        Assert.Equal((PersonRole.Witness, 14, Cash.Web.Domain.Help.AgeBand.From13To15), (witness.Role, witness.Age, witness.AgeBand));
        Assert.Equal("T.", await content.PseudonymAsync(witness, Cancellation));
        Assert.Null(witness.Identity);

        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (var withIdentity = await lead.PostFormAsync(add, new Dictionary<string, string?>
        {
            ["Input.Role"] = nameof(PersonRole.TargetedYoungPerson),
            ["Input.Pseudonym"] = "M.",
            ["Input.FirstName"] = "Mila",
            ["Input.BirthDate"] = "2012-05-04",
            ["Input.ParentsContact"] = "Maman : 056 11 22 33",
        }))
        {
            ProfessionalSessions.AssertRedirect(withIdentity, $"/pro/situations/{id}", "adding a person with an identity");
        }

        var mila = await app.InDatabaseAsync(db => db.InvolvedPeople.AsNoTracking().SingleAsync(p => p.SituationId == id && p.Role == PersonRole.TargetedYoungPerson, Cancellation));
        Assert.DoesNotContain("Mila", Encoding.UTF8.GetString(mila.Identity!), StringComparison.Ordinal);
        Assert.Equal(new PersonIdentity("Mila", null, new DateOnly(2012, 5, 4), null, "Maman : 056 11 22 33"), await content.IdentityAsync(mila, Cancellation));
        var seen = await TextOfAsync(lead, $"/pro/situations/{id}");
        Assert.Contains("Mila", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Mila", await TextOfAsync(involved, $"/pro/situations/{id}"), StringComparison.Ordinal);
    }

    /// <summary>Every page of the situation answers 404 to this browser, and so does every handler.</summary>
    private static async Task AssertNotFoundEverywhereAsync(HttpClient browser, Guid id, Guid personId, bool pageToo)
    {
        var token = await browser.AntiforgeryTokenAsync("/pro/compte");
        var pages = new List<string> { $"/pro/situations/{id}/modifier", $"/pro/situations/{id}/personnes/ajouter", $"/pro/situations/{id}/personnes/{personId}" };
        if (pageToo)
        {
            pages.Add($"/pro/situations/{id}");
        }

        foreach (var url in pages)
        {
            using var get = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {url}: {(int)get.StatusCode}");
        }

        foreach (var url in new[]
        {
            $"/pro/situations/{id}?handler=Severity", $"/pro/situations/{id}?handler=Close", $"/pro/situations/{id}?handler=Reopen",
            $"/pro/situations/{id}/modifier", $"/pro/situations/{id}/personnes/ajouter", $"/pro/situations/{id}/personnes/{personId}",
        })
        {
            using var post = await browser.PostRawAsync(url, new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["SeverityChange.Level"] = nameof(Severity.Danger),
                ["SeverityChange.Reason"] = "x",
                ["Closing.Outcome"] = nameof(SituationOutcome.Other),
                ["Input.Role"] = nameof(PersonRole.Other),
                ["Input.Pseudonym"] = "x",
                ["Input.Summary"] = "x",
            });
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {url}: {(int)post.StatusCode}");
        }
    }

    private static async Task<string> TextOfAsync(HttpClient browser, string url) =>
        (await browser.GetPageAsync(url)).QuerySelector("main")!.TextContent;

    private Task<List<AuditEntry>> ReadsAsync(Guid id) =>
        app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.Read && e.EntityId == id.ToString()).ToListAsync(Cancellation));

    private Task<Guid> FirstPersonAsync(Guid situationId) =>
        app.InDatabaseAsync(db => db.InvolvedPeople.Where(p => p.SituationId == situationId).Select(p => p.Id).FirstAsync(Cancellation));

    private async Task<Guid> FindPersonAsync(Guid situationId, string pseudonym)
    {
        var content = app.Services.GetRequiredService<SituationContent>();
        var people = await app.InDatabaseAsync(db => db.InvolvedPeople.AsNoTracking().Where(p => p.SituationId == situationId).ToListAsync(Cancellation));
        foreach (var person in people)
        {
            if (await content.PseudonymAsync(person, Cancellation) == pseudonym)
            {
                return person.Id;
            }
        }

        throw new InvalidOperationException($"No person {pseudonym}.");
    }

    private Task<int> SchoolAsync() =>
        app.InDatabaseAsync(async db =>
        {
            var school = new Cash.Web.Domain.Schools.School("École du dossier " + Guid.NewGuid().ToString("N")[..6], Cash.Web.Domain.Schools.SchoolNetwork.Libre, null);
            db.Schools.Add(school);
            await db.SaveChangesAsync(Cancellation);
            return school.Id;
        });
}

public sealed class WorkingASituationOnSqlite(SqliteCashApp app) : WorkingASituationTests(app), IClassFixture<SqliteCashApp>;

public sealed class WorkingASituationOnPostgres(PostgresCashApp app) : WorkingASituationTests(app), IClassFixture<PostgresCashApp>;
