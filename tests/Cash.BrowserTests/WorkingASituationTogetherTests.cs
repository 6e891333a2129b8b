using System.Text.RegularExpressions;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// Issue 10's journey in Chromium, as two professionals of two services live it, each signed in with
/// two-factor: a help request reaches AMO « Le Déclic »; a member opens a situation from it, adds the
/// young person under a pseudonym, records the young person's consent for the Service de Médiation
/// Scolaire to join without identities, and refers; the mediation service accepts, sees the
/// pseudonym and not the name, writes to the journal; Le Déclic reads it, then withdraws the consent,
/// and the mediation service's next request gets 404. Once with the mouse, once with the keyboard
/// alone, and the forms once more with JavaScript off.
/// </summary>
public sealed partial class WorkingASituationTogetherTests(CashSite site)
{
    private const string Declic = "le-declic";
    private const string Mediation = "mediation-scolaire";

    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TwoServicesWorkASituationTogetherThroughAConsentedReferralUntilTheConsentIsWithdrawn()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var story = $"Dans le bus, deux élèves de ma classe me bousculent et m'insultent tous les matins ({tag}).";
        var summary = $"Insultes et bousculades répétées dans le bus scolaire, ligne 5 ({tag}).";
        var pseudonym = $"Élève {tag}";
        var firstName = $"Maëlys{tag}";
        var request = $"Rencontrer le jeune puis sa classe, avec son accord ({tag}).";
        var entry = $"Entretien avec {pseudonym} : il souhaite une médiation avec la classe ({tag}).";
        var answer = $"Nous avons ouvert un suivi avec un autre service, comme tu l'as accepté ({tag}).";
        var declicService = await ServiceAsync(Declic);
        var mediation = await ServiceAsync(Mediation);

        // A young person writes to Le Déclic through the public form.
        await using var young = await site.OpenAsync();
        var (code, requestId) = await SendHelpRequestAsync(young.Page, story);

        // A member of Le Déclic finds it in the inbox and opens a situation from it.
        var declicMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Declic);
        await using var declic = await SignedInAsync(declicMember);
        var page = declic.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = P("Inbox.Nav"), Exact = true }).ClickAsync();
        await page.Locator($"main a[href='/pro/demandes/{requestId}']").ClickAsync();
        await Expect(page.Locator("#request-text")).ToContainTextAsync(story);
        await ShotAsync(page, "01-request");
        await page.GetByRole(AriaRole.Link, new() { Name = P("Inbox.Situation.Open"), Exact = true }).ClickAsync();

        await ProJourney.ExpectHeadingAsync(page, S("Open.Title"));
        await Expect(page.Locator("#from-request")).ToBeVisibleAsync();
        // The channel comes from the request, and what the request says of the forms is taken over.
        await Expect(page.Locator("input[name='Input.Channel']")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = P("Inbox.Form.Verbal"), Exact = true })).ToBeCheckedAsync();
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = S("Severity.Repeated"), Exact = true }).CheckAsync();
        await page.GetByLabel(S("Form.Summary"), new() { Exact = true }).FillAsync(summary);
        await ShotAsync(page, "02-open-from-request");
        await page.GetByRole(AriaRole.Button, new() { Name = S("Open.Submit"), Exact = true }).ClickAsync();

        await Expect(Notice(page)).ToContainTextAsync(S("Details.Done.Opened"));
        var situationId = SituationIdIn(page.Url);
        var reference = await ReferenceAsync(situationId);
        await ProJourney.ExpectHeadingAsync(page, S("Details.Title", reference));
        await Expect(page.Locator("#metadata")).ToContainTextAsync(S("Channel.HelpRequest"));
        await Expect(page.Locator("#lead-service")).ToHaveTextAsync(declicService.Name);
        await Expect(page.Locator("#summary")).ToContainTextAsync(summary);

        // A consent is given by a person of the situation: the referrals page leads to adding one first.
        await page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Referrals"), Exact = true }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(S("Referral.Consent.NoPeople"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = S("Referral.Consent.AddPeople"), Exact = true }).ClickAsync();

        // The young person, under a pseudonym, with a first name only the lead service sees.
        await ProJourney.ExpectHeadingAsync(page, S("AddPerson.Title", reference));
        await page.GetByRole(AriaRole.Radio, new() { Name = S("PersonRole.TargetedYoungPerson"), Exact = true }).CheckAsync();
        await page.GetByLabel(S("Person.Pseudonym"), new() { Exact = true }).FillAsync(pseudonym);
        await page.GetByRole(AriaRole.Radio, new() { Name = P("Inbox.AgeBand.From13To15"), Exact = true }).CheckAsync();
        await page.GetByLabel(S("Person.FirstName"), new() { Exact = true }).FillAsync(firstName);
        await page.GetByRole(AriaRole.Button, new() { Name = S("AddPerson.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Details.Done.PersonAdded"));
        await Expect(page.Locator("#people")).ToContainTextAsync(pseudonym);
        await Expect(page.Locator("#people .identity")).ToContainTextAsync(firstName);
        await AxeAudit.AssertNoViolationsAsync(page);
        await ShotAsync(page, "03-situation-as-lead");

        // The young person agreed that the mediation service joins, without seeing identities.
        await page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Referrals"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, S("Referral.Page.Title", reference));
        var consentForm = page.Locator("section[aria-labelledby='consent-title']");
        await consentForm.GetByLabel(S("Referral.Consent.Person.Label"), new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = $"{pseudonym} ({S("PersonRole.TargetedYoungPerson")})" });
        await consentForm.GetByLabel(S("Referral.Consent.Service.Label"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = mediation.Name });
        await consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentGiver.YoungPerson"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.JoinSituation"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.ContactSchool"), Exact = true }).CheckAsync();
        await Expect(consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.SeeIdentities"), Exact = true })).Not.ToBeCheckedAsync();
        await consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentMethod.InPerson"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Consent.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Consent"));
        await Expect(page.Locator("#consents")).ToContainTextAsync(pseudonym);
        await Expect(page.Locator("#consents")).ToContainTextAsync(mediation.Name);

        var referForm = page.Locator("section[aria-labelledby='refer-title']");
        // The mediation service acts only if the young person wishes it: the page reminds of it.
        await Expect(referForm.Locator("#agreement-reminder")).ToContainTextAsync(mediation.Name);
        await referForm.GetByLabel(S("Referral.Refer.Service.Label"), new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = S("Referral.OnlyWithAgreement.Option", mediation.Name) });
        await referForm.GetByLabel(S("Referral.Refer.Request.Label"), new() { Exact = true }).FillAsync(request);
        await referForm.GetByLabel(S("Referral.Refer.Consent.Label"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Expect(referForm.GetByRole(AriaRole.Radio, new() { Name = S("LegalBasis.None"), Exact = true })).ToBeCheckedAsync();
        await ShotAsync(page, "04-consent-recorded-referral-filled");
        var mailBeforeReferral = MailSoFar();
        await referForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Refer.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Referred"));
        var sent = page.Locator("#referrals tbody tr", new() { HasText = mediation.Name });
        await Expect(sent).ToContainTextAsync(S("ReferralStatus.Pending"));
        await AxeAudit.AssertNoViolationsAsync(page);

        // The mediation service is told that something awaits it, and nothing more.
        var received = await site.Mail.WaitForMessageAsync(m => !mailBeforeReferral.Contains(m) && IsTo(m, mediation.Email), MailTimeout);
        Assert.Contains(site.BaseAddress + "pro/relais", received.TextBody, StringComparison.Ordinal);

        // A member of the mediation service, on another computer, finds the referral and reads it.
        var mediator = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Mediation);
        await using var office = await SignedInAsync(mediator);
        var other = office.Page;
        await other.GetByRole(AriaRole.Link, new() { Name = P("Nav.Referrals"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(other, S("Referral.List.Title"));
        await other.Locator("#waiting tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link).ClickAsync();
        await ProJourney.ExpectHeadingAsync(other, S("Referral.Details.Title"));
        await Expect(other.Locator("#referral-request")).ToContainTextAsync(request);
        await Expect(other.Locator("#accept-hint")).ToHaveTextAsync(S("Referral.Accept.Pseudonyms"));
        await Expect(other.Locator("#agreement-reminder")).ToBeVisibleAsync();
        AssertAbsent(await other.ContentAsync(), "before accepting", summary, pseudonym, firstName, story);
        await AxeAudit.AssertNoViolationsAsync(other);
        await ShotAsync(other, "05-referral-to-decide");
        var mailBeforeDecision = MailSoFar();
        await other.GetByRole(AriaRole.Button, new() { Name = S("Referral.Accept.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(other)).ToContainTextAsync(S("Referral.Done.Accepted"));
        await AxeAudit.AssertNoViolationsAsync(other);

        // Joined: the situation with the pseudonym, never the first name.
        await other.Locator($"main a[href='/pro/situations/{situationId}']").ClickAsync();
        await ProJourney.ExpectHeadingAsync(other, S("Details.Title", reference));
        await Expect(other.Locator("#summary")).ToContainTextAsync(summary);
        await Expect(other.Locator("#people")).ToContainTextAsync(pseudonym);
        await Expect(other.Locator("#people .identity")).ToHaveCountAsync(0);
        AssertAbsent(await other.ContentAsync(), "with pseudonyms only", firstName, story);
        await AxeAudit.AssertNoViolationsAsync(other);
        await ShotAsync(other, "06-situation-pseudonyms-only");

        // It writes a shared journal entry.
        await other.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Journal"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(other, S("Journal.Title", reference));
        await other.GetByRole(AriaRole.Radio, new() { Name = S("JournalKind.Interview"), Exact = true }).CheckAsync();
        await Expect(other.GetByRole(AriaRole.Radio, new() { Name = S("SharingTier.Shared"), Exact = true })).ToBeCheckedAsync();
        await other.GetByLabel(S("Journal.Text.Label"), new() { Exact = true }).FillAsync(entry);
        await other.GetByRole(AriaRole.Button, new() { Name = S("Journal.Write.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(other)).ToContainTextAsync(S("Journal.Done.Written"));
        await Expect(other.Locator(".journal-entry", new() { HasText = entry })).ToBeVisibleAsync();

        // Le Déclic reads it, and is told of the decision by a message that says nothing of the situation.
        await page.GetByRole(AriaRole.Link, new() { Name = S("Referral.Page.Back", reference), Exact = true }).ClickAsync();
        await page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Journal"), Exact = true }).ClickAsync();
        var written = page.Locator(".journal-entry", new() { HasText = entry });
        await Expect(written).ToContainTextAsync(mediation.Name);
        await Expect(written).ToContainTextAsync(S("SharingTier.Shared"));
        await AxeAudit.AssertNoViolationsAsync(page);
        await ShotAsync(page, "07-journal-as-lead");
        await site.Mail.WaitForMessageAsync(
            m => !mailBeforeDecision.Contains(m) && IsTo(m, declicService.Email) && (m.TextBody ?? "").Contains(site.BaseAddress + "pro/relais", StringComparison.Ordinal),
            MailTimeout);

        // The young person changes their mind: Le Déclic withdraws the consent.
        await page.GetByRole(AriaRole.Link, new() { Name = S("Journal.Back", reference), Exact = true }).ClickAsync();
        await page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Referrals"), Exact = true }).ClickAsync();
        var mailBeforeWithdrawal = MailSoFar();
        await page.Locator("#consents tbody tr", new() { HasText = pseudonym }).GetByRole(AriaRole.Button, new() { Name = S("Referral.Withdraw.Submit") }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.WithdrawnServiceLeft"));
        await Expect(page.Locator("#withdrawn-consents")).ToContainTextAsync(mediation.Name);
        await AxeAudit.AssertNoViolationsAsync(page);
        await ShotAsync(page, "08-consent-withdrawn");

        // The mediation service's very next requests find nothing there.
        foreach (var path in new[] { $"/pro/situations/{situationId}", $"/pro/situations/{situationId}/journal", $"/pro/situations/{situationId}/relais" })
        {
            Assert.True(await office.GoToAsync(path) == 404, $"{path} still answers the mediation service after the consent was withdrawn.");
        }

        await ShotAsync(other, "09-gone-for-the-mediation-service");
        await site.Mail.WaitForMessageAsync(
            m => !mailBeforeWithdrawal.Contains(m) && IsTo(m, declicService.Email) && (m.TextBody ?? "").Contains($"/pro/situations/{situationId}/relais", StringComparison.Ordinal),
            MailTimeout);

        // The request and its sender's thread go on as before: Le Déclic answers, the young person reads it.
        await page.GetByRole(AriaRole.Link, new() { Name = S("Referral.Page.Back", reference), Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = S("Details.Request.Link"), Exact = true }).ClickAsync();
        await Expect(page.Locator("#linked-situation")).ToContainTextAsync(reference);
        await page.GetByLabel(P("Inbox.Answer.Label"), new() { Exact = true }).FillAsync(answer);
        await page.GetByRole(AriaRole.Button, new() { Name = P("Inbox.Answer.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(P("Inbox.Done.Answered"));

        await young.GoToAsync("/suivi");
        await young.Page.GetByLabel(Portal("FollowUp.Code"), new() { Exact = true }).FillAsync(code);
        await young.Page.GetByRole(AriaRole.Button, new() { Name = Portal("FollowUp.Open"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(young.Page, Portal("FollowUp.Thread.Title"));
        await Expect(young.Page.Locator(".thread")).ToContainTextAsync(answer);
        AssertAbsent(await young.Page.ContentAsync(), "in the sender's thread", reference, summary, pseudonym);
        await ShotAsync(young.Page, "10-sender-thread");

        // Every notice of the journey to either service: a link, nothing of the situation.
        var notices = site.Mail.Messages.Where(m => !mailBeforeReferral.Contains(m) && (IsTo(m, mediation.Email) || IsTo(m, declicService.Email))).ToList();
        Assert.True(notices.Count >= 3, $"Expected the referral, decision and withdrawal notices; {notices.Count} arrived.");
        foreach (var notice in notices)
        {
            AssertAbsent($"{notice.Subject}\n{notice.TextBody}\n{notice.HtmlBody}", $"the e-mail « {notice.Subject} »", reference, summary, pseudonym, firstName, request, entry, story);
        }
    }

    [Fact]
    public async Task TheKeyStepsCanBeTakenWithTheKeyboardAlone()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pseudonym = $"K. {tag}";
        var mediation = await ServiceAsync(Mediation);
        await using var young = await site.OpenAsync();
        var (_, requestId) = await SendHelpRequestAsync(young.Page, $"Au clavier : on me vole mes affaires en récréation ({tag}).");

        var declicMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Declic);
        await using var declic = await SignedInAsync(declicMember);
        var page = declic.Page;

        // From the dashboard to the request, then "open a situation".
        await KeyboardOnly.ActivateAsync(page, page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = P("Inbox.Nav"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(page, P("Inbox.Title"));
        await KeyboardOnly.ActivateAsync(page, page.Locator($"main a[href='/pro/demandes/{requestId}']"));
        await Expect(page.Locator("#request-text")).ToBeVisibleAsync();
        await KeyboardOnly.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = P("Inbox.Situation.Open"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(page, S("Open.Title"));

        // Severity: Tab into the group, the arrow moves the choice; then the summary, then send.
        await KeyboardOnly.TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = S("Severity.Concern"), Exact = true }));
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = S("Severity.Repeated"), Exact = true })).ToBeCheckedAsync();
        await KeyboardOnly.TabToAsync(page, page.GetByLabel(S("Form.Summary"), new() { Exact = true }));
        await page.Keyboard.TypeAsync($"Vols répétés en récréation ({tag}).");
        await KeyboardOnly.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = S("Open.Submit"), Exact = true }));
        await Expect(Notice(page)).ToContainTextAsync(S("Details.Done.Opened"));
        var situationId = SituationIdIn(page.Url);
        var reference = await ReferenceAsync(situationId);

        // A person: the role with Space, the pseudonym typed.
        await KeyboardOnly.ActivateAsync(page, page.GetByRole(AriaRole.Link, new() { Name = S("Details.People.Add"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(page, S("AddPerson.Title", reference));
        await KeyboardOnly.TabToAndTickAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = S("PersonRole.TargetedYoungPerson"), Exact = true }));
        await KeyboardOnly.TabToAsync(page, page.GetByLabel(S("Person.Pseudonym"), new() { Exact = true }));
        await page.Keyboard.TypeAsync(pseudonym);
        await KeyboardOnly.ActivateAsync(page, page.GetByRole(AriaRole.Button, new() { Name = S("AddPerson.Submit"), Exact = true }));
        await Expect(Notice(page)).ToContainTextAsync(S("Details.Done.PersonAdded"));

        // The consent: lists chosen with the arrows, radios and boxes with Space.
        await KeyboardOnly.ActivateAsync(page, page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Referrals"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(page, S("Referral.Page.Title", reference));
        var consentForm = page.Locator("section[aria-labelledby='consent-title']");
        var person = consentForm.GetByLabel(S("Referral.Consent.Person.Label"), new() { Exact = true });
        await KeyboardOnly.TabToAsync(page, person);
        await KeyboardOnly.ChooseWithArrowsAsync(page, person, await OptionValueAsync(person, pseudonym));
        var service = consentForm.GetByLabel(S("Referral.Consent.Service.Label"), new() { Exact = true });
        await KeyboardOnly.TabToAsync(page, service);
        await KeyboardOnly.ChooseWithArrowsAsync(page, service, mediation.Value);
        await KeyboardOnly.TabToAndTickAsync(page, consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentGiver.YoungPerson"), Exact = true }));
        await KeyboardOnly.TabToAndTickAsync(page, consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.JoinSituation"), Exact = true }));
        await KeyboardOnly.TabToAndTickAsync(page, consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentMethod.InPerson"), Exact = true }));
        await KeyboardOnly.ActivateAsync(page, consentForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Consent.Submit"), Exact = true }));
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Consent"));

        // The referral resting on it.
        var referForm = page.Locator("section[aria-labelledby='refer-title']");
        var target = referForm.GetByLabel(S("Referral.Refer.Service.Label"), new() { Exact = true });
        await KeyboardOnly.TabToAsync(page, target);
        await KeyboardOnly.ChooseWithArrowsAsync(page, target, mediation.Value);
        await KeyboardOnly.TabToAsync(page, referForm.GetByLabel(S("Referral.Refer.Request.Label"), new() { Exact = true }));
        await page.Keyboard.TypeAsync($"Un entretien avec {pseudonym}.");
        var consent = referForm.GetByLabel(S("Referral.Refer.Consent.Label"), new() { Exact = true });
        await KeyboardOnly.TabToAsync(page, consent);
        await KeyboardOnly.ChooseWithArrowsAsync(page, consent, await OptionValueAsync(consent, pseudonym));
        await KeyboardOnly.ActivateAsync(page, referForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Refer.Submit"), Exact = true }));
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Referred"));

        // The mediation service accepts from its list of referrals.
        var mediator = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Mediation);
        await using var office = await SignedInAsync(mediator);
        var other = office.Page;
        await KeyboardOnly.ActivateAsync(other, other.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = P("Nav.Referrals"), Exact = true }));
        await ProJourney.ExpectHeadingAsync(other, S("Referral.List.Title"));
        await KeyboardOnly.ActivateAsync(other, other.Locator("#waiting tbody tr", new() { HasText = reference }).GetByRole(AriaRole.Link));
        await ProJourney.ExpectHeadingAsync(other, S("Referral.Details.Title"));
        await KeyboardOnly.ActivateAsync(other, other.GetByRole(AriaRole.Button, new() { Name = S("Referral.Accept.Submit"), Exact = true }));
        await Expect(Notice(other)).ToContainTextAsync(S("Referral.Done.Accepted"));

        // Le Déclic withdraws the consent, going back up the page with Shift+Tab.
        await page.ReloadAsync();
        await KeyboardOnly.TabToAsync(page, referForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Refer.Submit"), Exact = true }));
        var withdraw = page.Locator("#consents tbody tr", new() { HasText = pseudonym }).GetByRole(AriaRole.Button, new() { Name = S("Referral.Withdraw.Submit") });
        await KeyboardOnly.TabToAsync(page, withdraw, backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.WithdrawnServiceLeft"));
        Assert.Equal(404, await office.GoToAsync($"/pro/situations/{situationId}"));
    }

    [Fact]
    public async Task WithJavaScriptOffASituationIsOpenedAndReferredThroughItsForms()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var pseudonym = $"N. {tag}";
        var summary = $"Un groupe de messagerie se moque d'une élève ({tag}).";
        var mediation = await ServiceAsync(Mediation);
        var declicMember = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, Declic);
        await using var declic = await SignedInAsync(declicMember, javaScript: false);
        var page = declic.Page;

        // Opened directly, for a phone call: first sent incomplete, the summary typed is kept.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = P("Nav.Situations"), Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = S("List.Open"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, S("Open.Title"));
        await page.GetByLabel(S("Form.Summary"), new() { Exact = true }).FillAsync(summary);
        await page.GetByRole(AriaRole.Button, new() { Name = S("Open.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync(S("Open.Channel.Required"));
        await Expect(page.Locator(".error-summary")).ToContainTextAsync(S("Open.Severity.Required"));
        await ProJourney.ExpectErrorTitleAsync(site, page);
        await Expect(page.GetByLabel(S("Form.Summary"), new() { Exact = true })).ToHaveValueAsync(summary);
        await ShotAsync(page, "nojs-01-open-refused");
        await page.GetByRole(AriaRole.Radio, new() { Name = S("Channel.Phone"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = S("Severity.Serious"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = P("Inbox.Form.Cyber"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = S("Open.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Details.Done.Opened"));
        await Expect(page.Locator("#metadata")).ToContainTextAsync(S("Channel.Phone"));
        var situationId = SituationIdIn(page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = S("Details.People.Add"), Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = S("PersonRole.TargetedYoungPerson"), Exact = true }).CheckAsync();
        await page.GetByLabel(S("Person.Pseudonym"), new() { Exact = true }).FillAsync(pseudonym);
        await page.GetByRole(AriaRole.Button, new() { Name = S("AddPerson.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator("#people")).ToContainTextAsync(pseudonym);

        // The consent, first without saying who agreed: refused, what was chosen kept.
        await page.Locator("#situation-pages").GetByRole(AriaRole.Link, new() { Name = S("Details.Page.Referrals"), Exact = true }).ClickAsync();
        var consentForm = page.Locator("section[aria-labelledby='consent-title']");
        var person = await OptionValueAsync(consentForm.GetByLabel(S("Referral.Consent.Person.Label"), new() { Exact = true }), pseudonym);
        await consentForm.GetByLabel(S("Referral.Consent.Person.Label"), new() { Exact = true }).SelectOptionAsync(person);
        await consentForm.GetByLabel(S("Referral.Consent.Service.Label"), new() { Exact = true }).SelectOptionAsync(mediation.Value);
        await consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.JoinSituation"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentMethod.Phone"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Consent.Submit"), Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync(S("Referral.Consent.GivenBy.Required"));
        await Expect(consentForm.GetByLabel(S("Referral.Consent.Service.Label"), new() { Exact = true })).ToHaveValueAsync(mediation.Value);
        await Expect(consentForm.GetByRole(AriaRole.Checkbox, new() { Name = S("ConsentScope.JoinSituation"), Exact = true })).ToBeCheckedAsync();
        await ShotAsync(page, "nojs-02-consent-refused");
        await consentForm.GetByRole(AriaRole.Radio, new() { Name = S("ConsentGiver.ParentOrGuardian"), Exact = true }).CheckAsync();
        await consentForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Consent.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Consent"));

        var referForm = page.Locator("section[aria-labelledby='refer-title']");
        await referForm.GetByLabel(S("Referral.Refer.Service.Label"), new() { Exact = true }).SelectOptionAsync(mediation.Value);
        await referForm.GetByLabel(S("Referral.Refer.Request.Label"), new() { Exact = true }).FillAsync($"Parler avec la classe ({tag}).");
        await referForm.GetByLabel(S("Referral.Refer.Consent.Label"), new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await referForm.GetByRole(AriaRole.Button, new() { Name = S("Referral.Refer.Submit"), Exact = true }).ClickAsync();
        await Expect(Notice(page)).ToContainTextAsync(S("Referral.Done.Referred"));
        await Expect(page.Locator("#referrals tbody tr", new() { HasText = mediation.Name })).ToContainTextAsync(S("ReferralStatus.Pending"));
        Assert.EndsWith($"/pro/situations/{situationId}/relais?fait=relais", page.Url, StringComparison.Ordinal);
        await ShotAsync(page, "nojs-03-referred");
    }

    /// <summary>The public form, as AskingForHelpTests fills it: Le Déclic, a young person bullied, the story; returns the receipt code.</summary>
    private async Task<(string Code, Guid RequestId)> SendHelpRequestAsync(IPage page, string story)
    {
        await page.GotoAsync("/aide");
        await page.GetByLabel(Portal("Help.Service"), new() { Exact = true }).SelectOptionAsync(Declic);
        await page.GetByRole(AriaRole.Radio, new() { Name = Portal("Help.Role.YoungTarget"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = Portal("Help.AgeBand.From13To15"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = Portal("Help.Form.Verbal"), Exact = true }).CheckAsync();
        await page.GetByLabel(Portal("Help.Text"), new() { Exact = true }).FillAsync(story);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = Portal("Help.Wish.Listening"), Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = Portal("Help.Submit"), Exact = true }).ClickAsync();
        await ProJourney.ExpectHeadingAsync(page, Portal("Help.Receipt.Title"));
        var code = ReceiptCodes.Normalize(await page.Locator(".receipt-code .receipt-digits").InnerTextAsync())
            ?? throw new InvalidOperationException("The receipt page shows no code.");

        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var id = await db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(code)).Select(r => r.Id).SingleAsync();
        return (code, id);
    }

    private async Task<BrowserSession> SignedInAsync(ProPerson person, bool javaScript = true)
    {
        var session = await site.OpenAsync(javaScript);
        await ProJourney.SignInAsync(site, session.Page, person, audit: false);
        return session;
    }

    /// <summary>A service of the directory as its French pages name it, and the address its notices go to.</summary>
    private async Task<Service> ServiceAsync(string slug)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var service = await db.PartnerServices.AsNoTracking().Include(s => s.Texts).SingleAsync(s => s.Slug == slug);
        return new Service(service.Id, service.TextFor("fr").Name, service.Email);
    }

    private async Task<string> ReferenceAsync(Guid situationId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        return await db.Situations.Where(s => s.Id == situationId).Select(s => s.Reference).SingleAsync();
    }

    private static Guid SituationIdIn(string url) =>
        SituationAddress().Match(url) is { Success: true } match ? Guid.Parse(match.Groups[1].Value) : throw new InvalidOperationException($"Not a situation's address: {url}");

    /// <summary>The value of the one option whose text mentions <paramref name="text"/>.</summary>
    private static async Task<string> OptionValueAsync(ILocator select, string text) =>
        await select.Locator("option", new() { HasText = text }).GetAttributeAsync("value") ?? throw new InvalidOperationException($"No option mentions {text}.");

    private static ILocator Notice(IPage page) => page.Locator("main [role=status]");

    private HashSet<MimeMessage> MailSoFar() => [.. site.Mail.Messages];

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    private static void AssertAbsent(string shown, string where, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(shown.Contains(secret, StringComparison.Ordinal), $"« {secret} » is shown {where}.");
        }
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"journey-{name}-fr-1280.png"), FullPage = true });

    private string S(string key, params object[] arguments) => ProJourney.SituationText(site, key, arguments);

    private string P(string key) => ProJourney.Text(site, key);

    private string Portal(string key) => ProJourney.PortalText(site, key);

    [GeneratedRegex(@"/pro/situations/([0-9a-f-]{36})")]
    private static partial Regex SituationAddress();

    private sealed record Service(int Id, string Name, string Email)
    {
        /// <summary>The service as a form's list sends it.</summary>
        public string Value => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
