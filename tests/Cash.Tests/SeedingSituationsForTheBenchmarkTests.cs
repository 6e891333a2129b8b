using Cash.Bench.SituationSeed;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The situations benchmark's generator (bench/SituationSeed) writes, in bulk, rows the app reads
/// as its own: the counts it promises, keys and enums in the app's formats, every value sealed
/// under its binding, a spread worth measuring, a sign-in that works with two-factor; and each
/// filter of the situations list has an index that serves it in list order.
/// </summary>
public abstract class SeedingSituationsForTheBenchmarkTests(CashApp app)
{
    private const int Size = 300;
    private const string Service = "le-declic";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EverySituationHasThreePeopleAndFiveEntriesSealedSoThatTheAppOpensThem()
    {
        var directory = await SeedAsync(Size);

        var counts = await app.InDatabaseAsync(db => SeedCheck.CountAsync(db, Ct));
        Assert.True(counts.Situations >= Size, $"{counts.Situations} situations");
        Assert.Equal(SituationFactory.PeoplePerSituation * counts.Situations, counts.People);
        Assert.Equal(SituationFactory.EntriesPerSituation * counts.Situations, counts.Entries);
        Assert.InRange(counts.Services, counts.Situations, 3 * counts.Situations);
        Assert.Equal(counts.Referrals, counts.Consents);

        // Read back through EF Core and opened with the app's cipher, each under its own binding.
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        var opened = await app.InDatabaseAsync(db => SeedCheck.OpenSampleAsync(db, cipher, 20, Ct));
        Assert.True(opened >= 20 * (1 + SituationFactory.PeoplePerSituation + SituationFactory.EntriesPerSituation), $"{opened} values opened");

        var situation = await app.InDatabaseAsync(db => db.Situations.AsNoTracking().Include(s => s.Services)
            .Where(s => s.ErasedAt == null && s.LeadServiceId == directory.ViewerServiceId)
            .OrderBy(s => s.Id)
            .FirstAsync(Ct));
        var summary = await cipher.DecryptAsync(situation.Summary!, SituationColumns.Summary(situation.Id), Ct);
        Assert.True(summary.Length > 100, summary);
        Assert.Contains(situation.Services, i => i.PartnerServiceId == directory.ViewerServiceId && i.Tier == InvolvementTier.Lead);

        // Bound to its own situation: the same value does not open as another's.
        var other = await app.InDatabaseAsync(db => db.Situations.Where(s => s.Id != situation.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
        await Assert.ThrowsAsync<FieldDecryptionException>(async () => await cipher.DecryptAsync(situation.Summary!, SituationColumns.Summary(other), Ct));
    }

    [Fact]
    public async Task SituationsSpreadOverThreeYearsStatusesSeveritiesSchoolsAndServices()
    {
        await SeedAsync(Size);

        var facts = await app.InDatabaseAsync(db => db.Situations.AsNoTracking()
            .Select(s => new { s.Status, s.Severity, s.SchoolId, s.LeadServiceId, s.LastActivityAt, s.ErasedAt, s.Summary, Services = s.Services.Count })
            .ToListAsync(Ct));
        Assert.True(facts.Count(f => f.Status == SituationStatus.Closed) > facts.Count / 2, "most are closed");
        Assert.Contains(facts, f => f.Status == SituationStatus.Open);
        Assert.Contains(facts, f => f.Status == SituationStatus.InProgress);
        Assert.Equal(Enum.GetValues<Severity>().Order(), facts.Select(f => f.Severity).Distinct().Order());
        Assert.True(facts.Select(f => f.SchoolId).Distinct().Count() >= 20, "spread over the schools");
        Assert.Contains(facts, f => f.SchoolId is null);
        Assert.True(facts.Select(f => f.LeadServiceId).Distinct().Count() >= 8, "led by most services");
        Assert.All(facts, f => Assert.InRange(f.Services, 1, 3));
        var span = facts.Max(f => f.LastActivityAt) - facts.Min(f => f.LastActivityAt);
        Assert.True(span > TimeSpan.FromDays(2 * 365), $"last activity spread over {span.TotalDays:0} days");
        var pile = facts.GroupBy(f => f.LastActivityAt).Max(g => g.Count());
        Assert.True(pile <= 2, $"{pile} situations share one last activity");

        // Closed long ago, erased as the retention job leaves them: facts, no content.
        var erased = facts.Where(f => f.ErasedAt is not null).ToList();
        Assert.NotEmpty(erased);
        Assert.All(erased, f => Assert.Equal(SituationStatus.Closed, f.Status));
        Assert.All(erased, f => Assert.Null(f.Summary));
        Assert.All(facts.Where(f => f.ErasedAt is null), f => Assert.NotNull(f.Summary));
        var sealedPeopleOfErased = await app.InDatabaseAsync(db => db.InvolvedPeople.CountAsync(p => p.Situation!.ErasedAt != null && p.Pseudonym != null, Ct));
        Assert.Equal(0, sealedPeopleOfErased);
    }

    [Fact]
    public async Task ToppingUpAddsOnlyWhatIsMissingAndKeepsReferencesUnique()
    {
        var directory = await SeedAsync(Size);
        var before = await app.InDatabaseAsync(db => db.Situations.CountAsync(Ct));

        var seeder = new SituationSeeder(app.Services, TextWriter.Null);
        Assert.Equal(50, await seeder.SeedAsync(before + 50, directory, 20, Ct));
        Assert.Equal(0, await seeder.SeedAsync(before + 50, directory, 20, Ct));

        var references = await app.InDatabaseAsync(db => db.Situations.Select(s => s.Reference).ToListAsync(Ct));
        Assert.Equal(before + 50, references.Count);
        Assert.Equal(references.Count, references.Distinct().Count());
        Assert.All(references, r => Assert.Matches("^S-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$", r));
    }

    [Fact]
    public async Task TheBenchAccountSignsInWithItsPasswordAndAuthenticatorCode()
    {
        var directory = await SeedAsync(Size);
        BenchAccount account;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            account = await BenchSetup.ResetSignInAsync(scope.ServiceProvider, Service);
        }

        var id = await app.InDatabaseAsync(db => db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync(Ct));
        var person = new TestProfessional(id, account.Email, "Banc d'essai", account.Password, account.AuthenticatorKey, ProRole.Member, directory.ViewerServiceId);
        using var browser = await app.SignInAsync(person);
        await browser.GetPageAsync("/pro");

        var shell = account.ToShell(directory.ViewerServiceId, directory.Schools[0], Guid.Empty);
        Assert.Contains($"BENCH_EMAIL='{account.Email}'", shell, StringComparison.Ordinal);
        Assert.Contains("BENCH_PASSWORD='banc d'\\''essai ", shell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFilterOfTheListHasAnIndexThatServesItInListOrder()
    {
        var directory = await SeedAsync(Size);

        var reports = await app.InDatabaseAsync(db => QueryPlans.ExplainAsync(db, directory.ViewerServiceId, directory.Schools[0], runs: 1, each: null, Ct, indexesOnly: true));

        // Every query a list page runs, "needing action"'s two included, walks an index in list order and stops after
        // a page; where a filter has an index of its own, that one.
        Assert.Contains(reports, r => r.Name.StartsWith("needing action, 2 of 2", StringComparison.Ordinal));
        foreach (var report in reports)
        {
            Assert.True(report.Walk == QueryPlans.Walk.IndexOrder && report.UsesIndex, $"{report.Name}: {report.Walk}, not by {report.Index}\n{string.Join('\n', report.Plan)}");
        }

        Assert.All(reports, r => Assert.InRange(r.Rows, 0, ListQueries.PageSize + 1));
        Assert.Contains(reports, r => r.Rows > 0);
    }

    /// <summary>Schools, services' members and situations up to <paramref name="total"/> (the app seeded the directory at start).</summary>
    private async Task<BenchDirectory> SeedAsync(int total)
    {
        BenchDirectory directory;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            directory = await BenchSetup.PrepareAsync(scope.ServiceProvider, Service, Ct);
        }

        await new SituationSeeder(app.Services, TextWriter.Null).SeedAsync(total, directory, 100, Ct);
        return directory;
    }
}

public sealed class SeedingSituationsForTheBenchmarkOnSqlite(SqliteCashApp app) : SeedingSituationsForTheBenchmarkTests(app), IClassFixture<SqliteCashApp>;

public sealed class SeedingSituationsForTheBenchmarkOnPostgres(PostgresCashApp app) : SeedingSituationsForTheBenchmarkTests(app), IClassFixture<PostgresCashApp>;
