using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The services, schools and rules every public page reads are kept in memory: a change made
/// through the site shows on the next page at once, and a change made by another instance sharing
/// the database shows once the copy has expired.
/// </summary>
public abstract class ShowingPublicChangesAtOnceTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AServiceRenamedByAnAdministratorShowsAtOnceOnTheHelpFormAndTheHomePage()
    {
        // Visitors first, so the directory is in memory and the home page in the output cache with the old name.
        await app.GetPageAsync("/aide");
        await app.GetPageAsync("/");
        var id = await ServiceIdAsync("le-declic");
        var name = $"AMO Le Déclic {Guid.NewGuid():N}"[..30];
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        using var saved = await admin.PostFormAsync($"/pro/admin/services/{id}", new Dictionary<string, string?> { ["Input.Texts[0].Name"] = name });

        ProfessionalSessions.AssertRedirect(saved, $"/pro/admin/services/{id}", "renaming the service");
        var help = await app.GetPageAsync("/aide");
        Assert.Equal(name, help.QuerySelector("#Input_Service option[value='le-declic']")?.TextContent);
        var home = await app.GetPageAsync("/");
        Assert.Equal(name, home.QuerySelector("main a[href='/services/le-declic']")?.TextContent);
        var list = await admin.GetPageAsync("/pro/admin/services");
        Assert.Contains(name, list.QuerySelector("main table")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchoolAddedByAnAdministratorIsOfferedAtOnceOnTheHelpFormAndInTheAssistant()
    {
        await app.GetPageAsync("/aide");
        await app.GetPageAsync("/orientation/ou?qui=YoungTarget&danger=false&formes=Verbal&enligne=true");
        var name = $"Athénée de l’Exemple {Guid.NewGuid():N}"[..32];
        var (admin, _) = await app.SignInAsAsync(ProRole.Administrator);
        using var _ = admin;

        using var created = await admin.PostFormAsync("/pro/admin/ecoles/nouvelle", new Dictionary<string, string?>
        {
            ["Input.Name"] = name,
            ["Input.Network"] = "Communal",
            ["Input.PmsServiceId"] = "",
        });

        ProfessionalSessions.AssertRedirect(created, "/pro/admin/ecoles", "creating a school");
        var help = await app.GetPageAsync("/aide");
        Assert.Contains(name, help.QuerySelectorAll("#Input_School option").Select(o => o.TextContent));
        var assistant = await app.GetPageAsync("/orientation/ou?qui=YoungTarget&danger=false&formes=Verbal&enligne=true");
        Assert.Contains(name, assistant.QuerySelectorAll("main select option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task AChangeMadeByAnotherInstanceShowsOnceTheCopyHasExpired()
    {
        // This instance's own copy, on a clock the test moves; the change below goes around the
        // save interceptor, as a write by another instance sharing the database does.
        var clock = new ManualClock();
        var directory = new PartnerDirectoryCache(new PublicContentChanges([]), app.Services.GetRequiredService<IServiceScopeFactory>(), clock);

        // A service no other test of this class reads: the app's own copy does not see this change for a minute either.
        var id = await ServiceIdAsync("egalite-des-chances");
        var before = (await directory.GetAsync(Cancellation)).NameOf(id, "fr");
        var name = $"Egalite {Guid.NewGuid():N}"[..28];

        await app.InDatabaseAsync(db => db.Set<PartnerServiceText>()
            .Where(t => t.PartnerServiceId == id && t.Language == PartnerService.DefaultLanguage)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name), Cancellation));

        clock.Advance(PublicSnapshot<PartnerDirectory>.MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal(before, (await directory.GetAsync(Cancellation)).NameOf(id, "fr"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(name, (await directory.GetAsync(Cancellation)).NameOf(id, "fr"));
    }

    [Fact]
    public async Task AServiceIsNamedInTheReadersLanguageThenInFrenchThenByItsSlug()
    {
        var directory = await app.Services.GetRequiredService<PartnerDirectoryCache>().GetAsync(Cancellation);
        var id = await ServiceIdAsync("la-passerelle");
        var french = await app.InDatabaseAsync(db => db.Set<PartnerServiceText>()
            .Where(t => t.PartnerServiceId == id && t.Language == "fr").Select(t => t.Name).SingleAsync(Cancellation));
        var dutch = await app.InDatabaseAsync(db => db.Set<PartnerServiceText>()
            .Where(t => t.PartnerServiceId == id && t.Language == "nl").Select(t => t.Name).SingleAsync(Cancellation));

        Assert.Equal(dutch, directory.NameOf(id, "nl"));
        Assert.Equal(french, directory.NameOf(id, "de"));
        Assert.Null(directory.NameOf(-1, "fr"));
        Assert.Equal(directory.Published("nl").Select(s => s.Slug), directory.PublishedServices.Select(s => s.Slug));
        Assert.Equal(directory.Services.Count, directory.All("en").Count);
    }

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));

    private sealed class ManualClock : TimeProvider
    {
        private long ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}

public sealed class ShowingPublicChangesAtOnceOnSqlite(SqliteCashApp app) : ShowingPublicChangesAtOnceTests(app), IClassFixture<SqliteCashApp>;

public sealed class ShowingPublicChangesAtOnceOnPostgres(PostgresCashApp app) : ShowingPublicChangesAtOnceTests(app), IClassFixture<PostgresCashApp>;
