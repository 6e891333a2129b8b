using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Cash.BrowserTests;

/// <summary>
/// The referral pages pass axe in French, Dutch and English, with the language of the text right:
/// a situation's referrals and consents (with its forms, and refused), my service's referrals, and a
/// referral as the service asked reads it before deciding.
/// </summary>
public sealed class CheckingReferralPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheReferralPagesHaveNoViolations(string culture)
    {
        var lead = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var mediator = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "mediation-scolaire");
        var (situationId, referralId) = await SituationWithAReferralAsync(lead.Id);

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, lead, audit: false);
            foreach (var path in new[] { $"/pro/situations/{situationId}/relais", "/pro/relais", $"/pro/relais/{referralId}" })
            {
                await AuditAsync(session, path, culture);
            }

            // Refused: the error summary and the field errors.
            await session.GoToAsync(PublicPages.InCulture($"/pro/situations/{situationId}/relais", culture));
            await session.Page.Locator("form[action*='handler=Refer'] button[type=submit]").ClickAsync();
            await Expect(session.Page.Locator(".error-summary")).ToBeVisibleAsync();
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, mediator, audit: false);
            await AuditAsync(session, $"/pro/relais/{referralId}", culture);
            await AuditAsync(session, "/pro/relais", culture);
        }
    }

    private static async Task AuditAsync(BrowserSession session, string path, string culture)
    {
        var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
        Assert.True(status == 200, $"{path} answered {status}");
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    /// <summary>A situation led by Le Déclic with one person, her consent to the mediation service, and its referral there.</summary>
    private async Task<(Guid Situation, Guid Referral)> SituationWithAReferralAsync(Guid openedBy)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var services = await db.PartnerServices.Where(s => s.Slug == "le-declic" || s.Slug == "mediation-scolaire").ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], openedBy, SituationChannel.Phone, Severity.Serious, now)
        {
            Forms = BullyingForm.Verbal,
            OutsideSchool = true,
        };
        var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, PersonRole.TargetedYoungPerson, now);
        person.Pseudonym = await cipher.EncryptAsync("L. M.", SituationColumns.Pseudonym(person.Id, situation.Id));
        var consent = new Consent(Guid.CreateVersion7(), situation.Id, person.Id, services["mediation-scolaire"], ConsentGiver.YoungPerson,
            ConsentScope.JoinSituation | ConsentScope.ContactSchool, ConsentMethod.InPerson, DateOnly.FromDateTime(DateTime.UtcNow), openedBy, now);
        var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, services["le-declic"], services["mediation-scolaire"], openedBy, consent, now);
        referral.Request = await cipher.EncryptAsync("Rencontrer la classe de 2B avec le jeune.", SituationColumns.ReferralRequest(referral.Id, situation.Id, referral.ToServiceId));
        db.AddRange(situation, person, consent, referral);
        await db.SaveChangesAsync();
        return (situation.Id, referral.Id);
    }
}
