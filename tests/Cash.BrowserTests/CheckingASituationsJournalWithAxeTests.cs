using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// A situation's journal (with a correction and an entry kept to the service), its correction form,
/// its documents and "who saw this file", as a member of the lead service sees them — and the
/// journal and the upload refused for a missing answer — checked with axe in French, Dutch and
/// English, with the language of the text right.
/// </summary>
public sealed class CheckingASituationsJournalWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task TheJournalDocumentsAndHistoryHaveNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var (situationId, entryId) = await SeedAsync(member.Id);

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, member, audit: false);

        var root = $"/pro/situations/{situationId}";
        foreach (var (name, path) in new[]
        {
            ("journal", $"{root}/journal?culture={culture}"),
            ("journal-correction", $"{root}/journal?corriger={entryId}&culture={culture}"),
            ("documents", $"{root}/documents?culture={culture}"),
            ("historique", $"{root}/historique?culture={culture}"),
        })
        {
            var status = await session.GoToAsync(path);
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
            if (culture == "fr-BE")
            {
                await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"pro-situation-{name}-fr-1280.png"), FullPage = true });
            }
        }

        // Refused forms: the error summary and the fields in error.
        await session.GoToAsync($"{root}/journal?culture={culture}");
        await session.Page.Locator("#write-title ~ form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        await session.GoToAsync($"{root}/documents?culture={culture}");
        await session.Page.Locator("#upload-title ~ form button[type=submit]").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    /// <summary>A situation of Le Déclic opened by <paramref name="opener"/>, joined by the mediation service, with entries and a document.</summary>
    private async Task<(Guid Situation, Guid Entry)> SeedAsync(Guid opener)
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

        async Task<JournalEntry> EntryAsync(JournalKind kind, SharingTier tier, string text, Guid? corrects = null)
        {
            var entry = new JournalEntry(Guid.CreateVersion7(), situation.Id, kind, tier, services["le-declic"], opener, today.AddDays(-1), now, corrects);
            entry.Text = await cipher.EncryptAsync(text, SituationColumns.EntryText(entry));
            db.JournalEntries.Add(entry);
            return entry;
        }

        var first = await EntryAsync(JournalKind.Interview, SharingTier.Shared, "Entretien avec A. B. en présence de sa maman.");
        await EntryAsync(JournalKind.Interview, SharingTier.Shared, "Entretien avec A. B. en présence de son papa.", first.Id);
        var kept = await EntryAsync(JournalKind.Note, SharingTier.OwnService, "Note pour le service seulement.");

        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var document = new SituationDocument(Guid.CreateVersion7(), situation.Id, DocumentType.Pdf, pdf.Length, services["le-declic"], opener, now);
        document.Name = await cipher.EncryptAsync("rapport.pdf", SituationColumns.DocumentName(document.Id, situation.Id));
        document.Content = await cipher.EncryptBytesAsync(pdf, SituationColumns.DocumentContent(document.Id, situation.Id));
        db.SituationDocuments.Add(document);
        await db.SaveChangesAsync();
        return (situation.Id, kept.Id);
    }
}
