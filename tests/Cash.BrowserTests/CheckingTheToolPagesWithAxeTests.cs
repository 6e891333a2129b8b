using Cash.Web.Tools;
using Cash.Web.Security.Encryption;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// WCAG 2.1 AA as far as a machine can tell, on the tools library's pages: the library, adding a tool
/// (also with its errors), a kit with its file and bookings, editing it, adding a file; and a booking
/// for days already taken, refused with those dates; in French, Dutch and English.
/// </summary>
public sealed class CheckingTheToolPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryToolPageHasNoViolationsAndAnOverlappingBookingIsRefusedWithItsDates(string culture)
    {
        var owner = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (kit, taken) = await KitAsync(owner.Id, today.AddDays(20), today.AddDays(25));

        await using var session = await site.OpenAsync();
        await session.GoToAsync("/pro/connexion");
        await ProJourney.SignInAsync(site, session.Page, owner, audit: false);
        foreach (var path in new[] { "/pro/outils", "/pro/outils/nouveau", $"/pro/outils/{kit}", $"/pro/outils/{kit}/modifier", $"/pro/outils/{kit}/fichiers" })
        {
            var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
            Assert.True(status == 200, $"{path} answered {status}");
            Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        // The new tool's form sent empty: the error summary and the fields' errors.
        await session.GoToAsync(PublicPages.InCulture("/pro/outils/nouveau", culture));
        await session.Page.Locator("main form button[type='submit']").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        await AxeAudit.AssertNoViolationsAsync(session.Page);

        // Booking days that the mediation service already holds: refused, naming them.
        await session.GoToAsync(PublicPages.InCulture($"/pro/outils/{kit}", culture));
        await session.Page.Locator("#Booking_From").FillAsync(today.AddDays(22).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await session.Page.Locator("#Booking_Until").FillAsync(today.AddDays(27).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await session.Page.Locator("#book button[type='submit']").ClickAsync();
        await session.Page.Locator(".error-summary").WaitForAsync();
        var message = await session.Page.Locator(".error-summary a").InnerTextAsync();
        var language = CultureInfo.GetCultureInfo(culture);
        Assert.Contains(taken.From.ToString("D", language), message, StringComparison.Ordinal);
        Assert.Contains(taken.Until.ToString("D", language), message, StringComparison.Ordinal);
        Assert.Equal(today.AddDays(22).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await session.Page.Locator("#Booking_From").InputValueAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
        if (culture == "fr-BE")
        {
            await session.Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "pro-outils-booking-refused-fr-1280.png"), FullPage = true });
        }

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            Assert.Equal(1, await db.ToolBookings.CountAsync(b => b.ToolId == kit, TestContext.Current.CancellationToken));
        }
    }

    /// <summary>A kit of Le Déclic with a description, a file, and a booking of the mediation service.</summary>
    private async Task<(Guid Kit, ToolBooking Taken)> KitAsync(Guid owner, DateOnly from, DateOnly until)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var kit = new Tool(Guid.CreateVersion7(), services["le-declic"], owner, now);
        kit.Describe($"Mallette « Stop moqueries » {Guid.NewGuid():N}"[..36], ToolKind.Game,
            "Un jeu de cartes pour parler des **moqueries** en classe.\n\n- 4 équipes\n- 1 animateur\n\n[Le guide](https://example.org/guide)",
            ToolAudience.Pupils | ToolAudience.SchoolStaff, 10, 14, "2 × 50 minutes", isKit: true, now);
        var bytes = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var fileId = Guid.CreateVersion7();
        var sealedBytes = await scope.ServiceProvider.GetRequiredService<FieldCipher>().EncryptBytesAsync(bytes, ToolColumns.FileContent(fileId, kit.Id));
        var file = new ToolFile(fileId, kit.Id, "Carnet de l'animateur", "carnet.pdf", ToolFileType.Pdf, bytes.Length, sealedBytes, services["le-declic"], owner, now);
        var (taken, _) = kit.Book(Guid.CreateVersion7(), services["mediation-scolaire"], from, until, [], owner, now);
        db.Tools.Add(kit);
        db.ToolFiles.Add(file);
        db.ToolBookings.Add(taken!);
        await db.SaveChangesAsync();
        return (kit.Id, taken!);
    }
}
