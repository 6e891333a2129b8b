using System.Globalization;
using System.Net;
using System.Resources;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using Cash.Tests.Infrastructure;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Mail;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cash.Tests;

/// <summary>
/// A service asks another to join a situation (issue 10, points 4 and 9): on a consent that allows
/// it, or without one only on a legal basis with a written justification; the service asked accepts
/// (at the tier the consent allows) or declines with a reason; a withdrawn consent takes the service
/// out at its next request; every step that concerns another service sends a content-free e-mail.
/// </summary>
public abstract class ReferringASituationTests(SmtpCashApp fixture)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";
    private const string Passerelle = "la-passerelle";
    private const string Police = "police-pole-psycho-social";
    private const string Egalite = "egalite-des-chances";
    private const string ReferForm = "form[action*='handler=Refer']";
    private const string ConsentForm = "form[action*='handler=Consent']";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly ResourceManager MailTexts = new(typeof(Cash.Web.Resources.Mail).FullName!, typeof(Cash.Web.Resources.Mail).Assembly);

    private readonly CashApp app = fixture.App;
    private readonly SmtpTestServer smtp = fixture.Smtp;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReferralWithoutConsentAndWithoutALegalBasisIsRefused()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var request = "Pouvez-vous rencontrer la classe ? " + Guid.NewGuid();

        using var response = await browser.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?>
        {
            ["NewReferral.ServiceId"] = await ServiceAsync(Mediation),
            ["NewReferral.Request"] = request,
        }, ReferForm);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#NewReferral_ConsentId']"));
        Assert.Equal(request, page.QuerySelector("#NewReferral_Request")?.TextContent.Trim());
        Assert.Equal(0, await ReferralCountAsync(situation));
    }

    [Fact]
    public async Task ALegalBasisWithoutAJustificationIsRefusedAndWithOneTheReferralIsMade()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var fields = new Dictionary<string, string?>
        {
            ["NewReferral.ServiceId"] = await ServiceAsync(Police),
            ["NewReferral.Request"] = "Accompagner une plainte",
            ["NewReferral.LegalBasis"] = nameof(LegalBasis.SeriousImminentDanger),
            ["NewReferral.Justification"] = "  ",
        };

        using (var refused = await browser.PostFormAsync(RelaisOf(situation), fields, ReferForm))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await refused.ReadPageAsync()).QuerySelector(".error-summary a[href='#NewReferral_Justification']"));
        }

        Assert.Equal(0, await ReferralCountAsync(situation));

        fields["NewReferral.Justification"] = "Menaces de mort répétées, l'élève a peur de rentrer chez lui.";
        using (var made = await browser.PostFormAsync(RelaisOf(situation), fields, ReferForm))
        {
            ProfessionalSessions.AssertRedirect(made, RelaisOf(situation), "the referral on a legal basis");
        }

        var referral = await app.InDatabaseAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.SituationId == situation.Id, Cancellation));
        Assert.Equal(LegalBasis.SeriousImminentDanger, referral.LegalBasis);
        Assert.Null(referral.ConsentId);
        Assert.Equal(ReferralStatus.Pending, referral.Status);
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        Assert.Equal(fields["NewReferral.Justification"], await cipher.DecryptAsync(referral.Justification!, SituationColumns.ReferralJustification(referral.Id, situation.Id, referral.ToServiceId), Cancellation));
        Assert.Equal("Accompagner une plainte", await cipher.DecryptAsync(referral.Request!, SituationColumns.ReferralRequest(referral.Id, situation.Id, referral.ToServiceId), Cancellation));
    }

    [Fact]
    public async Task AConsentThatDoesNotAllowJoiningOrIsForAnotherServiceIsRefusedAndSoIsALegalBasisBesideAConsent()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var onlySchool = await app.AddConsentAsync(situation, Mediation, ConsentScope.ContactSchool | ConsentScope.SeeIdentities);
        var forPolice = await app.AddConsentAsync(situation, Police, ConsentScope.JoinSituation);
        await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var mediation = await ServiceAsync(Mediation);

        foreach (var consent in new[] { onlySchool, forPolice })
        {
            using var refused = await browser.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?>
            {
                ["NewReferral.ServiceId"] = mediation,
                ["NewReferral.Request"] = "Médiation en classe",
                ["NewReferral.ConsentId"] = consent.ToString(),
            }, ReferForm);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await refused.ReadPageAsync()).QuerySelector(".error-summary a[href='#NewReferral_ConsentId']"));
        }

        // Consent first: with a consent to rest on, a legal basis is not an alternative.
        using (var besideConsent = await browser.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?>
        {
            ["NewReferral.ServiceId"] = mediation,
            ["NewReferral.Request"] = "Médiation en classe",
            ["NewReferral.LegalBasis"] = nameof(LegalBasis.PersonInDanger),
            ["NewReferral.Justification"] = "Urgence",
        }, ReferForm))
        {
            Assert.Equal(HttpStatusCode.OK, besideConsent.StatusCode);
            Assert.NotNull((await besideConsent.ReadPageAsync()).QuerySelector(".error-summary a[href='#NewReferral_LegalBasis']"));
        }

        Assert.Equal(0, await ReferralCountAsync(situation));
    }

    [Fact]
    public async Task AcceptingGivesPseudonymsWithoutConsentToIdentitiesAndTheirIdentitiesWithIt()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Alpha-" + Guid.NewGuid().ToString("N")[..6], "Beta").SaveAsync();
        var alpha = situation.People[0];
        var toMediation = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation | ConsentScope.ContactSchool);
        var toPasserelle = await app.AddConsentAsync(situation, Passerelle, ConsentScope.JoinSituation | ConsentScope.SeeIdentities);
        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var mediationReferral = await ReferThroughThePageAsync(lead, situation, Mediation, toMediation, "Rencontrer la classe");
        var passerelleReferral = await ReferThroughThePageAsync(lead, situation, Passerelle, toPasserelle, "Soutien psychologique");

        var (mediator, mediatorPerson) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var decision = await mediator.GetPageAsync($"/pro/relais/{mediationReferral}");
        Assert.Contains("Rencontrer la classe", decision.QuerySelector("#referral-request")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(situation.Pseudonyms[0], decision.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Résumé secret", decision.Body!.TextContent, StringComparison.Ordinal);
        await AcceptAsync(mediator, mediationReferral);
        var (therapist, therapistPerson) = await app.SignInAsAsync(ProRole.Member, Passerelle);
        await AcceptAsync(therapist, passerelleReferral);

        var involvements = await app.InvolvementsAsync(situation.Id);
        Assert.Equal(InvolvementTier.Pseudonyms, involvements.Single(i => i.PartnerServiceId == mediatorPerson.PartnerServiceId).Tier);
        Assert.Equal(InvolvementTier.Identities, involvements.Single(i => i.PartnerServiceId == therapistPerson.PartnerServiceId).Tier);
        Assert.Empty(await IdentitiesVisibleToAsync(mediatorPerson, situation));
        Assert.Equal([alpha], await IdentitiesVisibleToAsync(therapistPerson, situation));

        // Involved now, the mediation service sees the situation's content: the pseudonyms.
        var relais = await mediator.GetPageAsync(RelaisOf(situation));
        Assert.Contains(situation.Pseudonyms[0], relais.QuerySelector("#consents")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Accepted, (await app.LoadReferralAsync(mediationReferral)).Status);
    }

    [Fact]
    public async Task DecliningNeedsAReasonWhichTheReferringServiceReads()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Médiation");
        var (mediator, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var url = $"/pro/relais/{referral}";

        using (var refused = await mediator.PostFormAsync(url, new Dictionary<string, string?> { ["Decline.Reason"] = " " }, "form[action*='handler=Decline']"))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var error = (await refused.ReadPageAsync()).QuerySelector(".error-summary a[href='#Decline_Reason']");
            Assert.Equal(Translate("Referral.Decline.Reason.Required"), error?.TextContent.Trim());
        }

        Assert.Equal(ReferralStatus.Pending, (await app.LoadReferralAsync(referral)).Status);

        const string reason = "Notre service n'intervient pas en dehors de l'école.";
        using (var declined = await mediator.PostFormAsync(url, new Dictionary<string, string?> { ["Decline.Reason"] = reason }, "form[action*='handler=Decline']"))
        {
            ProfessionalSessions.AssertRedirect(declined, "/pro/relais", "declining");
        }

        var stored = await app.LoadReferralAsync(referral);
        Assert.Equal(ReferralStatus.Declined, stored.Status);
        Assert.Equal(reason, await app.Services.GetRequiredService<FieldCipher>().DecryptAsync(stored.DeclineReason!, SituationColumns.ReferralDeclineReason(referral, situation.Id, stored.ToServiceId), Cancellation));

        // Declined, it is no longer the mediation service's to see; the referring service reads the reason.
        using (var gone = await mediator.GetAsync(new Uri(url, UriKind.Relative), Cancellation))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var page = await lead.GetPageAsync(url);
        Assert.Equal(reason, page.QuerySelector("#referral-decline-reason")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("form[action*='handler=Accept']"));
    }

    [Fact]
    public async Task AWithdrawnConsentTakesTheServiceOutAtItsNextRequestAndTheLeadServiceIsTold()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Médiation");
        var (mediator, mediatorPerson) = await app.SignInAsAsync(ProRole.Member, Mediation);
        await AcceptAsync(mediator, referral);
        await mediator.GetPageAsync(RelaisOf(situation));
        Assert.True(await MaySeeAsync(mediatorPerson, situation));

        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (var withdrawn = await lead.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?> { ["consent"] = consent.ToString() }, $"form[action*='handler=Withdraw']:has(input[value='{consent}'])"))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
            Assert.Contains("fait=retire-parti", withdrawn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        foreach (var url in new[] { $"/pro/situations/{situation}", RelaisOf(situation), situation.JournalUrl, situation.DocumentsUrl, $"/pro/relais/{referral}" })
        {
            using var response = await mediator.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.False(await MaySeeAsync(mediatorPerson, situation));
        Assert.Equal(ReferralStatus.Withdrawn, (await app.LoadReferralAsync(referral)).Status);
        Assert.NotNull((await app.InvolvementsAsync(situation.Id)).Single(i => i.PartnerServiceId == mediatorPerson.PartnerServiceId).EndedAt);
        var page = await lead.GetPageAsync(RelaisOf(situation));
        Assert.Contains("Zorro", page.QuerySelector("#withdrawn-consents")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"form[action*='handler=Withdraw'] input[value='{consent}']"));
    }

    [Fact]
    public async Task ADecisionAfterTheConsentWasWithdrawnSavesNothingAndSaysSo()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Médiation");
        var (mediator, mediatorPerson) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var token = await mediator.AntiforgeryTokenAsync($"/pro/relais/{referral}");

        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        using (await lead.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?> { ["consent"] = consent.ToString() }, "form[action*='handler=Withdraw']"))
        {
        }

        using var late = await mediator.PostRawAsync($"/pro/relais/{referral}?handler=Accept", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var page = await late.ReadPageAsync();
        Assert.Contains(Translate("Referral.Decide.NotWaiting"), page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#referral-request"));
        Assert.Equal(ReferralStatus.Withdrawn, (await app.LoadReferralAsync(referral)).Status);
        Assert.DoesNotContain(await app.InvolvementsAsync(situation.Id), i => i.PartnerServiceId == mediatorPerson.PartnerServiceId);
    }

    [Fact]
    public async Task AnAcceptanceRacingAWithdrawalIsRefusedWholeByTheConcurrencyTokens()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consentId = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referralId = await app.AddReferralAsync(situation, Mediation, consentId, "Médiation");
        var mediation = await app.ServiceIdAsync(Mediation);

        // The decision reads everything, then the withdrawal commits, then the decision saves.
        await using var decision = app.Services.CreateAsyncScope();
        var db = decision.ServiceProvider.GetRequiredService<CashDbContext>();
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId, Cancellation);
        var consent = await db.Consents.SingleAsync(c => c.Id == consentId, Cancellation);
        var read = await db.Situations.Include(s => s.Services).SingleAsync(s => s.Id == situation.Id, Cancellation);
        await app.InDatabaseAsync(async other =>
        {
            var stored = await other.Situations.Include(s => s.Services).SingleAsync(s => s.Id == situation.Id, Cancellation);
            var consents = await other.Consents.Where(c => c.SituationId == situation.Id).ToListAsync(Cancellation);
            var referrals = await other.Referrals.Where(r => r.SituationId == situation.Id).ToListAsync(Cancellation);
            ConsentWithdrawal.Apply(stored, consents.Single(), consents, referrals, situation.OpenedBy, DateTimeOffset.UtcNow);
            await other.SaveChangesAsync(Cancellation);
        });

        read.Involve(mediation, referral.Accept(Guid.NewGuid(), consent, DateTimeOffset.UtcNow), referral.Id, DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Cancellation));

        Assert.Equal(ReferralStatus.Withdrawn, (await app.LoadReferralAsync(referralId)).Status);
        Assert.DoesNotContain(await app.InvolvementsAsync(situation.Id), i => i.PartnerServiceId == mediation);
    }

    [Fact]
    public async Task AReferralIsNotFoundForAnUninvolvedServiceAnAdministratorOrACoordinator()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Texte secret du relais");

        foreach (var (role, service) in new[] { (ProRole.Member, Passerelle), (ProRole.Lead, Passerelle), (ProRole.Administrator, null), (ProRole.Coordinator, Egalite) })
        {
            var (browser, _) = await app.SignInAsAsync(role, service);
            var token = await browser.AntiforgeryTokenAsync("/pro/compte");
            foreach (var url in new[] { $"/pro/relais/{referral}", RelaisOf(situation) })
            {
                using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} as {role} of {service}: {(int)response.StatusCode}");
                Assert.DoesNotContain("Texte secret", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
            }

            using var accept = await browser.PostRawAsync($"/pro/relais/{referral}?handler=Accept", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
            var list = await browser.GetPageAsync("/pro/relais");
            Assert.Null(list.QuerySelector($"a[href='/pro/relais/{referral}']"));
        }

        Assert.Equal(ReferralStatus.Pending, (await app.LoadReferralAsync(referral)).Status);
    }

    [Fact]
    public async Task TheMailsOfReferralsAndConsentsSayNothingOfTheSituation()
    {
        var pseudonym = "Pseudo-" + Guid.NewGuid().ToString("N")[..8];
        var situation = await app.NewSituation(Declic).WithPeople(pseudonym).SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, Egalite);
        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var secrets = new List<string> { situation.Reference, situation.Id.ToString(), pseudonym };
        var before = smtp.Messages.Select(m => m.MessageId ?? "").ToHashSet();

        var urgentRequest = "Demande urgente " + Guid.NewGuid();
        var justification = "Justification " + Guid.NewGuid();
        secrets.AddRange([urgentRequest, justification]);
        using (var urgent = await lead.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?>
        {
            ["NewReferral.ServiceId"] = await ServiceAsync(Police),
            ["NewReferral.Request"] = urgentRequest,
            ["NewReferral.LegalBasis"] = nameof(LegalBasis.PersonInDanger),
            ["NewReferral.Justification"] = justification,
        }, ReferForm))
        {
            ProfessionalSessions.AssertRedirect(urgent, RelaisOf(situation), "the referral on a legal basis");
        }

        var request = "Demande au médiateur " + Guid.NewGuid();
        secrets.Add(request);
        var referral = await ReferThroughThePageAsync(lead, situation, Mediation, consent, request);
        var (mediator, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        await AcceptAsync(mediator, referral);
        using (await lead.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?> { ["consent"] = consent.ToString() }, "form[action*='handler=Withdraw']"))
        {
        }

        var received = await MailAsync(before, await AddressOfAsync(Police), MailKind.ReferralReceived);
        var legalBasis = await MailAsync(before, coordinator.Email, MailKind.ReferralOnLegalBasis);
        var toMediation = await MailAsync(before, await AddressOfAsync(Mediation), MailKind.ReferralReceived);
        var decided = await MailAsync(before, await AddressOfAsync(Declic), MailKind.ReferralDecided);
        var withdrawn = await MailAsync(before, await AddressOfAsync(Declic), MailKind.ConsentWithdrawn);

        foreach (var (message, path) in new[]
        {
            (received, "/pro/relais"), (toMediation, "/pro/relais"), (decided, "/pro/relais"),
            (legalBasis, "/pro/situations/"), (withdrawn, "/pro/situations/"),
        })
        {
            var text = message.TextBody ?? "";
            Assert.Contains(path, text, StringComparison.Ordinal);

            // A link to the situation names it by its id, which says nothing; nothing else does.
            foreach (var secret in secrets.Where(s => path == "/pro/relais" || s != situation.Id.ToString()))
            {
                Assert.DoesNotContain(secret, message.Subject, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, message.HtmlBody ?? "", StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task ThePageWarnsOfThePolicesDutyToReportAndRemindsWhichServicesActOnlyIfTheYoungPersonWishes()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Médiation");
        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);

        var page = await lead.GetPageAsync(RelaisOf(situation));
        Assert.Contains("procès-verbal", page.QuerySelector("#police-warning")!.TextContent, StringComparison.Ordinal);
        var reminder = page.QuerySelector("#agreement-reminder")!.TextContent;
        Assert.Contains("Service de Médiation Scolaire Wallonie", reminder, StringComparison.Ordinal);
        Assert.Contains("Pôle Psycho-Social de la Police", reminder, StringComparison.Ordinal);
        Assert.Contains("uniquement si le jeune le souhaite", page.QuerySelector($"#NewReferral_ServiceId option[value='{await ServiceAsync(Mediation)}']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("uniquement si", page.QuerySelector($"#NewReferral_ServiceId option[value='{await ServiceAsync(Passerelle)}']")!.TextContent, StringComparison.Ordinal);

        var (mediator, mediatorPerson) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var decision = await mediator.GetPageAsync($"/pro/relais/{referral}");
        Assert.Contains("uniquement si le jeune le souhaite", decision.QuerySelector("#agreement-reminder")!.TextContent, StringComparison.Ordinal);
        var read = await app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.Read && e.EntityType == nameof(Referral) && e.EntityId == referral.ToString()).Select(e => e.ActorId).ToListAsync(Cancellation));
        Assert.Contains(mediatorPerson.Id, read);
    }

    [Fact]
    public async Task RecordingAConsentKeepsWhoWhatHowAndWhenAndRefusesADayToCome()
    {
        var pseudonym = "Pseudo-" + Guid.NewGuid().ToString("N")[..8];
        var situation = await app.NewSituation(Declic).WithPeople(pseudonym).SaveAsync();
        var (lead, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var page = await lead.GetPageAsync(RelaisOf(situation));
        Assert.Contains(pseudonym, page.QuerySelector("#NewConsent_PersonId")!.TextContent, StringComparison.Ordinal);
        var fields = new Dictionary<string, string?>
        {
            ["NewConsent.PersonId"] = situation.People[0].ToString(),
            ["NewConsent.ServiceId"] = await ServiceAsync(Mediation),
            ["NewConsent.GivenBy"] = nameof(ConsentGiver.ParentOrGuardian),
            ["NewConsent.Method"] = nameof(ConsentMethod.Phone),
            ["NewConsent.GivenOn"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        using (var refused = await lead.PostFormAsync(RelaisOf(situation), fields, ConsentForm))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var again = await refused.ReadPageAsync();
            Assert.NotNull(again.QuerySelector(".error-summary a[href='#NewConsent_GivenOn']"));
            Assert.NotNull(again.QuerySelector(".error-summary a[href='#NewConsent_Scope']"));
            Assert.True(((IHtmlInputElement)again.QuerySelector("#NewConsent_GivenBy-ParentOrGuardian")!).IsChecked);
        }

        fields["NewConsent.GivenOn"] = "2025-02-03";
        var form = new List<KeyValuePair<string, string>>();
        var token = await lead.AntiforgeryTokenAsync(RelaisOf(situation));
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
        form.Add(new("NewConsent.Scope", nameof(ConsentScope.JoinSituation)));
        form.Add(new("NewConsent.Scope", nameof(ConsentScope.ContactParents)));
        form.Add(new("__RequestVerificationToken", token));
        using (var content = new FormUrlEncodedContent(form))
        using (var recorded = await lead.PostAsync(new Uri($"{RelaisOf(situation)}?handler=Consent", UriKind.Relative), content, Cancellation))
        {
            ProfessionalSessions.AssertRedirect(recorded, RelaisOf(situation), "recording the consent");
        }

        var stored = await app.InDatabaseAsync(db => db.Consents.AsNoTracking().SingleAsync(c => c.SituationId == situation.Id, Cancellation));
        Assert.Equal(situation.People[0], stored.PersonId);
        Assert.Equal(await app.ServiceIdAsync(Mediation), stored.ServiceId);
        Assert.Equal(ConsentGiver.ParentOrGuardian, stored.GivenBy);
        Assert.Equal(ConsentScope.JoinSituation | ConsentScope.ContactParents, stored.Scope);
        Assert.Equal(ConsentMethod.Phone, stored.Method);
        Assert.Equal(new DateOnly(2025, 2, 3), stored.GivenOn);
        Assert.Equal(person.Id, stored.RecordedBy);
        Assert.True(stored.IsActive);
    }

    [Fact]
    public async Task MyServicesReferralsListsWhatAwaitsItsDecisionAndWhatItSent()
    {
        var situation = await app.NewSituation(Declic).WithPeople("Zorro").SaveAsync();
        var consent = await app.AddConsentAsync(situation, Mediation, ConsentScope.JoinSituation);
        var referral = await app.AddReferralAsync(situation, Mediation, consent, "Médiation");

        var (mediator, _) = await app.SignInAsAsync(ProRole.Member, Mediation);
        var waiting = await mediator.GetPageAsync("/pro/relais");
        Assert.NotNull(waiting.QuerySelector($"#waiting a[href='/pro/relais/{referral}']"));

        var (lead, _) = await app.SignInAsAsync(ProRole.Member, Declic);
        var sent = await lead.GetPageAsync("/pro/relais");
        Assert.NotNull(sent.QuerySelector($"#sent a[href='/pro/relais/{referral}']"));
        Assert.Null(sent.QuerySelector($"#waiting a[href='/pro/relais/{referral}']"));
    }

    private static string RelaisOf(TestSituation situation) => $"/pro/situations/{situation.Id}/relais";

    private static string Translate(string key) =>
        new ResourceManager(typeof(Cash.Web.Resources.SituationTexts).FullName!, typeof(Cash.Web.Resources.SituationTexts).Assembly).GetString(key, CultureInfo.GetCultureInfo("fr-BE"))!;

    private async Task<string> ServiceAsync(string slug) => (await app.ServiceIdAsync(slug)).ToString(CultureInfo.InvariantCulture);

    private Task<string> AddressOfAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Email).SingleAsync(Cancellation));

    private Task<int> ReferralCountAsync(TestSituation situation) =>
        app.InDatabaseAsync(db => db.Referrals.CountAsync(r => r.SituationId == situation.Id, Cancellation));

    /// <summary>Asks <paramref name="toSlug"/> to join through the page, resting on <paramref name="consent"/>; the new referral's id.</summary>
    private async Task<Guid> ReferThroughThePageAsync(HttpClient lead, TestSituation situation, string toSlug, Guid consent, string request)
    {
        using (var response = await lead.PostFormAsync(RelaisOf(situation), new Dictionary<string, string?>
        {
            ["NewReferral.ServiceId"] = await ServiceAsync(toSlug),
            ["NewReferral.Request"] = request,
            ["NewReferral.ConsentId"] = consent.ToString(),
        }, ReferForm))
        {
            ProfessionalSessions.AssertRedirect(response, RelaisOf(situation), $"the referral to {toSlug}");
        }

        var to = await app.ServiceIdAsync(toSlug);
        return await app.InDatabaseAsync(db => db.Referrals.Where(r => r.SituationId == situation.Id && r.ToServiceId == to).Select(r => r.Id).SingleAsync(Cancellation));
    }

    private static async Task AcceptAsync(HttpClient browser, Guid referral)
    {
        using var response = await browser.PostFormAsync($"/pro/relais/{referral}", new Dictionary<string, string?>(), "form[action*='handler=Accept']");
        ProfessionalSessions.AssertRedirect(response, $"/pro/relais/{referral}", "accepting");
    }

    private async Task<bool> MaySeeAsync(TestProfessional person, TestSituation situation) =>
        await app.InDatabaseAsync(db => db.Situations.Allowing(SituationAccess.Rule, PrincipalOf(person), SituationOperations.View).AnyAsync(s => s.Id == situation.Id, Cancellation));

    private async Task<List<Guid>> IdentitiesVisibleToAsync(TestProfessional person, TestSituation situation) =>
        await app.InDatabaseAsync(db => db.InvolvedPeople.Allowing(InvolvedPersonAccess.Rule, PrincipalOf(person), SituationOperations.ViewIdentity)
            .Where(p => p.SituationId == situation.Id).Select(p => p.Id).ToListAsync(Cancellation));

    private static ClaimsPrincipal PrincipalOf(TestProfessional person) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, person.Id.ToString()),
            new Claim(ClaimTypes.Role, person.Role.ToString()),
            new Claim(CashClaims.Service, person.PartnerServiceId!.Value.ToString(CultureInfo.InvariantCulture)),
        ],
        "test"));

    /// <summary>The first message of <paramref name="kind"/> to <paramref name="address"/> that arrived after <paramref name="before"/>.</summary>
    private async Task<MimeMessage> MailAsync(HashSet<string> before, string address, MailKind kind)
    {
        await app.Services.GetRequiredService<ReferralNotifier>().SendPendingAsync(Cancellation);
        var subject = MailTexts.GetString($"{kind}.Subject", CultureInfo.GetCultureInfo("fr-BE"))!;
        return await smtp.WaitForMessageAsync(
            m => !before.Contains(m.MessageId ?? "") && m.To.Mailboxes.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)) && (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal),
            Patience);
    }
}

public sealed class ReferringASituationOnSqlite(SqliteSmtpCashApp fixture) : ReferringASituationTests(fixture), IClassFixture<SqliteSmtpCashApp>;

public sealed class ReferringASituationOnPostgres(PostgresSmtpCashApp fixture) : ReferringASituationTests(fixture), IClassFixture<PostgresSmtpCashApp>;
