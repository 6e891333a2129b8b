using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Schools;
using Cash.Web.Domain.Situations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The list of situations (issue 10, point 1): what each viewer may see of them, newest activity
/// first, filtered by status, severity, school, my service and "needing action", paged by keyset
/// so that no row is shown twice or skipped, even when many share a time.
/// </summary>
public abstract class ListingSituationsTests(CashApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesFollowEachOtherWithoutRepeatingOrMissingARowWhenTimesAreEqual()
    {
        // A service of its own in this class, so that the count is exactly what this test made.
        const string service = "cpms-libre-mouscron-1";
        var opener = await app.CreateProfessionalAsync(ProRole.Member, service);
        var same = new DateTimeOffset(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var made = new HashSet<Guid>();
        for (var i = 0; i < 62; i++)
        {
            // Most share one time to the tick: only the id tells them apart.
            var at = i % 3 == 0 ? same.AddMinutes(-i) : same;
            made.Add(await app.NewSituation().LedBy(service).OpenedBy(opener).At(at).SaveAsync());
        }

        var (browser, _) = await app.SignInAsAsync(ProRole.Member, service);
        var seen = new List<Guid>();
        var sizes = new List<int>();
        var times = new List<DateTimeOffset>();
        var url = "/pro/situations?service=mien";
        for (var page = 0; page < 10 && url is not null; page++)
        {
            var document = await browser.GetPageAsync(url);
            var rows = document.QuerySelectorAll("#situations tbody tr").ToList();
            sizes.Add(rows.Count);
            seen.AddRange(rows.Select(r => Guid.Parse(r.GetAttribute("data-situation")!)));
            times.AddRange(rows.Select(r => DateTimeOffset.Parse(r.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)));
            url = document.QuerySelector("#next-page")?.GetAttribute("href");
        }

        Assert.Equal([25, 25, 12], sizes);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(made.SetEquals(seen));
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task FiltersNarrowTheListAndNeedingActionFollowsItsDefinition()
    {
        const string service = "cpms-provincial-icet";
        var school = await app.InDatabaseAsync(async db =>
        {
            var added = new School("Athénée de la liste " + Guid.NewGuid().ToString("N")[..6], SchoolNetwork.Wbe, null);
            db.Schools.Add(added);
            await db.SaveChangesAsync(Cancellation);
            return added.Id;
        });
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        DateTimeOffset At(int minute) => start.AddMinutes(minute);
        var fresh = await app.NewSituation().LedBy(service).At(At(0)).WithSeverity(Severity.Concern).InSchool(school, "1A").SaveAsync();
        var danger = await app.NewSituation().LedBy(service).At(At(1)).Then(s => s.ChangeSeverity(Severity.Danger, At(1))).SaveAsync();
        var worked = await app.NewSituation().LedBy(service).At(At(2)).WithSeverity(Severity.Repeated).Then(s => s.Touch(At(2))).SaveAsync();
        var closedDanger = await app.NewSituation().LedBy(service).At(At(3)).WithSeverity(Severity.Danger).Then(s => s.Close(SituationOutcome.Resolved, At(3))).SaveAsync();
        var elsewhereOpen = await app.NewSituation().LedBy("le-declic").At(At(4)).SaveAsync();
        var joinedDanger = await app.NewSituation().LedBy("le-declic").At(At(5)).WithSeverity(Severity.Danger).Involving(service).SaveAsync();
        var (browser, _) = await app.SignInAsAsync(ProRole.Member, service);

        Assert.Equal([joinedDanger, closedDanger, worked, danger, fresh], await ListedAsync(browser, "/pro/situations"));
        Assert.Equal([joinedDanger, danger, fresh], await ListedAsync(browser, "/pro/situations?action=1"));
        Assert.Equal([closedDanger], await ListedAsync(browser, "/pro/situations?statut=Closed"));
        Assert.Equal([fresh], await ListedAsync(browser, "/pro/situations?statut=Open"));
        Assert.Equal([joinedDanger, closedDanger, danger], await ListedAsync(browser, "/pro/situations?gravite=Danger"));
        Assert.Equal([fresh], await ListedAsync(browser, $"/pro/situations?ecole={school}"));
        Assert.Equal([joinedDanger, danger], await ListedAsync(browser, "/pro/situations?gravite=Danger&statut=InProgress"));

        // The form says what was chosen, and defines "needing action".
        var page = await browser.GetPageAsync("/pro/situations?action=1&gravite=Danger");
        Assert.True(page.QuerySelector("#action")!.HasAttribute("checked"));
        Assert.Equal("Danger", page.QuerySelector("#gravite option[selected]")!.GetAttribute("value"));
        Assert.Contains("danger", page.QuerySelector("#action-hint")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhereOpen, await ListedAsync(browser, "/pro/situations"));

        // Something that is not a choice filters nothing.
        Assert.Equal(5, (await ListedAsync(browser, "/pro/situations?statut=3&gravite=x&ecole=-1&apres=zzz")).Count);
    }

    [Fact]
    public async Task ACoordinatorSeesEveryonesRowsAndOthersOnlyTheirServices()
    {
        var school = await app.InDatabaseAsync(async db =>
        {
            var added = new School("Institut des lignes " + Guid.NewGuid().ToString("N")[..6], SchoolNetwork.Libre, null);
            db.Schools.Add(added);
            await db.SaveChangesAsync(Cancellation);
            return added.Id;
        });
        var declics = await app.NewSituation().LedBy("le-declic").Involving("mediation-scolaire").InSchool(school, "6Zq").SaveAsync();
        var (coordinator, _) = await app.SignInAsAsync(ProRole.Coordinator, "egalite-des-chances");
        var (mediation, _) = await app.SignInAsAsync(ProRole.Member, "mediation-scolaire");
        var (passerelle, _) = await app.SignInAsAsync(ProRole.Member, "la-passerelle");
        var (administrator, _) = await app.SignInAsAsync(ProRole.Administrator);

        var seenByCoordinator = await RowSeenByAsync(coordinator);
        Assert.NotNull(seenByCoordinator);
        Assert.NotNull(seenByCoordinator.QuerySelector(".caption"));
        Assert.Contains("Institut des lignes", seenByCoordinator.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("6Zq", seenByCoordinator.TextContent, StringComparison.Ordinal);
        var seenByInvolved = await RowSeenByAsync(mediation);
        Assert.NotNull(seenByInvolved);
        Assert.Null(seenByInvolved.QuerySelector(".caption"));
        Assert.Contains("6Zq", seenByInvolved.TextContent, StringComparison.Ordinal);
        Assert.Null(await RowSeenByAsync(passerelle));
        Assert.Null(await RowSeenByAsync(administrator));
        Assert.Null((await administrator.GetPageAsync("/pro/situations")).QuerySelector("#situations, form.filters"));

        async Task<AngleSharp.Dom.IElement?> RowSeenByAsync(HttpClient browser)
        {
            for (var url = "/pro/situations"; ;)
            {
                var page = await browser.GetPageAsync(url);
                if (page.QuerySelector($"tr[data-situation='{declics}']") is { } row)
                {
                    return row;
                }

                if (page.QuerySelector("#next-page")?.GetAttribute("href") is not { } next)
                {
                    return null;
                }

                url = next;
            }
        }
    }

    [Fact]
    public async Task TheListTellsHowManyReferralsWaitForMyServicesDecision()
    {
        const string service = "cpms-wbe-artem";
        var situations = new[] { await app.NewSituation().LedBy("le-declic").SaveAsync(), await app.NewSituation().LedBy("le-declic").SaveAsync() };
        var (declic, artem) = (await ServiceIdAsync("le-declic"), await ServiceIdAsync(service));
        var (browser, person) = await app.SignInAsAsync(ProRole.Member, service);
        Assert.Null((await browser.GetPageAsync("/pro/situations")).QuerySelector("#waiting-referrals"));

        await app.InDatabaseAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var situation in situations)
            {
                db.Referrals.Add(Referral.OnLegalBasis(Guid.CreateVersion7(), situation, declic, artem, person.Id, LegalBasis.SeriousImminentDanger, now));
            }

            var decided = Referral.OnLegalBasis(Guid.CreateVersion7(), situations[0], declic, artem, person.Id, LegalBasis.PersonInDanger, now);
            decided.Decline(person.Id, now);
            db.Referrals.Add(decided);
            await db.SaveChangesAsync(Cancellation);
        });

        var notice = (await browser.GetPageAsync("/pro/situations")).QuerySelector("#waiting-referrals");
        Assert.NotNull(notice);
        Assert.Contains("2", notice.TextContent, StringComparison.Ordinal);
        Assert.NotNull(notice.QuerySelector("a[href='/pro/relais']"));
    }

    private static async Task<List<Guid>> ListedAsync(HttpClient browser, string url) =>
        [.. (await browser.GetPageAsync(url)).QuerySelectorAll("#situations tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-situation")!))];

    private Task<int> ServiceIdAsync(string slug) =>
        app.InDatabaseAsync(db => db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation));
}

public sealed class ListingSituationsOnSqlite(SqliteCashApp app) : ListingSituationsTests(app), IClassFixture<SqliteCashApp>;

public sealed class ListingSituationsOnPostgres(PostgresCashApp app) : ListingSituationsTests(app), IClassFixture<PostgresCashApp>;
