using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Procedures;
using Cash.Web.Domain.Situations;
using Cash.Web.Procedures;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// The serious-case procedures: a situation's checklists (with late steps and a step done), a step's
/// forms and their refusal, as a member of the lead service sees them; the templates, a template's
/// versions, its draft and a step's form and its refusal, as a coordinator sees them — checked with
/// axe in French, Dutch and English, with the language of the text right.
/// </summary>
public sealed class CheckingTheProceduresWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheChecklistsOfASituationAndTheirStepsHaveNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (situationId, checklistId, openStepId) = await SeedAsync(member.Id);

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);

        var root = $"/pro/situations/{situationId}/procedures";
        foreach (var (name, path) in new[]
        {
            ("checklists", $"{root}?culture={culture}"),
            ("step", $"{root}/{checklistId}/etapes/{openStepId}?culture={culture}"),
        })
        {
            var status = await session.GoToAsync(path);
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            if (culture == "fr-BE")
            {
                await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"pro-procedures-{name}-fr-1280.png"), FullPage = true });
            }
        }

        await session.Page.Locator("#done-title ~ form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheTemplatesTheirDraftAndAStepsFormHaveNoViolations(string culture)
    {
        var coordinator = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, "egalite-des-chances");
        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, coordinator, audit: false);

        foreach (var path in new[] { $"/pro/procedures?culture={culture}", $"/pro/procedures/parents?culture={culture}" })
        {
            var status = await session.GoToAsync(path);
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        // "Edit the steps" opens the draft (a new one, or the one in progress).
        await session.Page.Locator("form[action*='handler=Edit'] button").ClickAsync();
        await session.Page.WaitForURLAsync("**/brouillon**");
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        await session.GoToAsync($"/pro/procedures/parents/brouillon/etape?culture={culture}");
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        await session.Page.Locator("main form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        if (culture == "fr-BE")
        {
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-procedures-draft-step-error-fr-1280.png"), FullPage = true });
        }
    }

    /// <summary>A situation of Le Déclic with a school checklist started 40 days ago: its first step done with a note, three late.</summary>
    private async Task<(Guid Situation, Guid Checklist, Guid OpenStep)> SeedAsync(Guid opener)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], opener, SituationChannel.School, Severity.Serious, now.AddDays(-41));
        situation.Summary = await cipher.EncryptAsync("Des coups à la sortie de l'école.", SituationColumns.Summary(situation.Id));
        db.Situations.Add(situation);

        var version = await db.ProcedureVersions.AsNoTracking().Include(v => v.Steps)
            .Where(v => v.PublishedAt != null && db.ProcedureTemplates.Any(t => t.Id == v.TemplateId && t.Key == ProcedureSeeder.SchoolKey))
            .OrderByDescending(v => v.Number).FirstAsync();
        var checklist = new Checklist(Guid.CreateVersion7(), situation.Id, version, opener, services["le-declic"], now.AddDays(-40));
        var first = checklist.Steps[0];
        checklist.MarkDone(first.Id, DateOnly.FromDateTime(now.AddDays(-39).UtcDateTime), await cipher.EncryptAsync("Entendue seule, au calme.", ProcedureColumns.Note(first)), opener, now);
        db.Checklists.Add(checklist);
        await db.SaveChangesAsync();
        return (situation.Id, checklist.Id, checklist.Steps[1].Id);
    }
}
