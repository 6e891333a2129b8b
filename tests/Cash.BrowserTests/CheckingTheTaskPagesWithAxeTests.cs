using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Cash.Web.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// The task pages — the list (mine and my service's), the new-task form on its own and on a situation,
/// a task's page with its actions, and the form refused for missing answers — as a member of the
/// service sees them, checked with axe in French, Dutch and English.
/// </summary>
public sealed class CheckingTheTaskPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheTaskPagesHaveNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (situationId, taskId) = await SeedAsync(member.Id);

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);

        foreach (var (name, path) in new[]
        {
            ("liste", $"/pro/taches?culture={culture}"),
            ("liste-service", $"/pro/taches?vue=service&culture={culture}"),
            ("nouvelle", $"/pro/taches/nouvelle?culture={culture}"),
            ("nouvelle-situation", $"/pro/taches/nouvelle?situation={situationId}&culture={culture}"),
            ("tache", $"/pro/taches/{taskId}?culture={culture}"),
            ("situation", $"/pro/situations/{situationId}?culture={culture}"),
        })
        {
            var status = await session.GoToAsync(path);
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            if (culture == "fr-BE" && name != "situation")
            {
                await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"pro-taches-{name}-fr-1280.png"), FullPage = true });
            }
        }

        // Refused forms: the error summary and the fields in error.
        await session.GoToAsync($"/pro/taches/nouvelle?culture={culture}");
        await session.Page.Locator("main form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        await session.GoToAsync($"/pro/taches/{taskId}?culture={culture}");
        await session.Page.Locator("#cancel-title ~ form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    /// <summary>A situation of Le Déclic opened by <paramref name="opener"/>, and an overdue task on it for the service.</summary>
    private async Task<(Guid Situation, Guid Task)> SeedAsync(Guid opener)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], opener, SituationChannel.School, Severity.Repeated, now);
        situation.Summary = await cipher.EncryptAsync("Des moqueries en classe.", SituationColumns.Summary(situation.Id));
        situation.Involve(services["mediation-scolaire"], InvolvementTier.Pseudonyms, Guid.NewGuid(), now);
        db.Situations.Add(situation);
        var overdue = await TaskWriter.NewAsync(db, cipher, "Appeler l'école de A. B.", services["le-declic"], null, today.AddDays(-1), situation.Id, null, opener, services["le-declic"], now);
        await TaskWriter.NewAsync(db, cipher, "Préparer l'animation en classe", services["mediation-scolaire"], null, today.AddDays(4), situation.Id, null, opener, services["le-declic"], now);
        var done = await TaskWriter.NewAsync(db, cipher, "Envoyer le compte rendu", services["le-declic"], opener, today, null, null, opener, services["le-declic"], now);
        done.MarkDone(opener, now);
        await db.SaveChangesAsync();
        return (situation.Id, overdue.Id);
    }
}
