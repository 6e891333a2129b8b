using System.Diagnostics;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Localization;
using Cash.Web.People;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// The data of the situations benchmark (bench/situations.sh), written in bulk into the app's own
/// database with the app's own services: the same configuration as the app (ConnectionStrings:Cash,
/// Database:Provider, Security:MasterKey, from the environment as the app reads them), migrated and
/// seeded as the app does it, values sealed with its key ring.
/// </summary>
/// <remarks>
/// <c>SituationSeed seed &lt;total&gt; [--service SLUG] [--account FILE] [--batch N]</c> adds
/// situations until there are <c>total</c>; with <c>--account</c>, (re)sets the sign-in of the
/// service's bench member and writes it, with the school and the situation the benchmark opens, as
/// shell assignments to FILE. <c>SituationSeed plans [--service SLUG] [--school ID] [--runs N]</c>
/// prints the plan and the time of each shape of the list's query (<see cref="ListQueries"/>).
/// Not named Program: the tests that reference this project host the app's own Program.
/// </remarks>
internal static class SeedProgram
{
    public static async Task<int> Main(string[] args)
    {
        var arguments = Arguments.Parse(args);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync("""
                Usage: SituationSeed seed <total> [--service SLUG] [--account FILE] [--batch N]
                       SituationSeed plans [--service SLUG] [--school ID] [--runs N]
                Database and master key from the environment, as the app reads them: ConnectionStrings__Cash, Database__Provider, Security__MasterKey.
                """);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The migrations' warnings about SQLite table rebuilds, and the failed look-up of the migrations
        // table of a database still empty, are the app's to read, not the benchmark's; an error of the
        // generator's own stops it with its exception.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.AddCashData();
        builder.AddCashProtection();
        builder.AddCashAudit();
        builder.AddCashLocalization();
        builder.AddCashSecurity();
        builder.AddPeople();
        builder.AddSituations();
        await using var app = builder.Build();

        var cancellation = CancellationToken.None;
        var clock = Stopwatch.StartNew();
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CashDbContext>();
        var directory = await BenchSetup.PrepareAsync(services, arguments.Service, cancellation);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{db.Database.ProviderName}: database ready in {clock.Elapsed.TotalSeconds:0.0} s; viewer: member of '{arguments.Service}' (service {directory.ViewerServiceId})"));

        if (arguments.Verb == "plans")
        {
            var reports = await QueryPlans.ExplainAsync(db, directory.ViewerServiceId, arguments.School ?? directory.Schools[0], arguments.Runs, Print, cancellation);
            Console.WriteLine();
            Console.WriteLine("| shape | route | walk | its index | ms (median) | rows | pages |");
            Console.WriteLine("|---|---|---|---|---:|---:|---:|");
            foreach (var report in reports)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {report.Name} | `{report.Route}` | {report.Walk} | {(report.Index is null ? "-" : report.UsesIndex ? report.Index : "NOT " + report.Index)} | {Milliseconds(report.MedianMs)} | {report.Rows} | {report.Pages?.ToString(CultureInfo.InvariantCulture) ?? "-"} |"));
            }

            return 0;
        }

        await new SituationSeeder(app.Services, Console.Out).SeedAsync(arguments.Total, directory, arguments.Batch, cancellation);
        var counts = await SeedCheck.CountAsync(db, cancellation);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"counts: {counts.Situations:N0} situations, {counts.Services:N0} involved services, {counts.People:N0} people, {counts.Entries:N0} journal entries, {counts.Consents:N0} consents, {counts.Referrals:N0} referrals ({counts.PendingReferrals:N0} pending)"));
        var opened = await SeedCheck.OpenSampleAsync(db, services.GetRequiredService<FieldCipher>(), 10, cancellation);
        Console.WriteLine($"opened {opened} sealed values of the 10 most recent situations under their bindings");

        if (arguments.Account is { } file)
        {
            // The situation the benchmark opens: the most recently active one the viewer's service leads
            // and works on, chosen once (at the first, small size) and opened again at every size.
            var situation = await db.Situations.AsNoTracking()
                .Where(s => s.LeadServiceId == directory.ViewerServiceId && s.Status == SituationStatus.InProgress && s.ErasedAt == null)
                .OrderByDescending(s => s.LastActivityAt).ThenByDescending(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync(cancellation);
            var account = await BenchSetup.ResetSignInAsync(services, arguments.Service);
            await File.WriteAllTextAsync(file, account.ToShell(directory.ViewerServiceId, directory.Schools[0], situation), cancellation);
            Console.WriteLine($"sign-in of {account.Email} written to {file}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static string Milliseconds(double? median) => median switch
    {
        null => "not run",
        double.PositiveInfinity => string.Create(CultureInfo.InvariantCulture, $"over {QueryPlans.Limit.TotalSeconds:0} s"),
        var ms => string.Create(CultureInfo.InvariantCulture, $"{ms:0.00} ms"),
    };

    private static void Print(QueryPlans.Report report)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"## {report.Name} ({report.Route}): {report.Walk}, {Milliseconds(report.MedianMs)}, {report.Rows} rows{(report.Pages is { } p ? $", {p} pages" : "")}"));
        foreach (var line in report.Sql.Split('\n'))
        {
            Console.WriteLine("    " + line);
        }

        Console.WriteLine("  plan:");
        foreach (var line in report.Plan)
        {
            Console.WriteLine("    " + line);
        }
    }
}

/// <summary>The command line: a verb, its number, and options.</summary>
internal sealed record Arguments(string Verb, int Total, string Service, string? Account, int Batch, int? School, int Runs)
{
    public static Arguments? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "plans"))
        {
            return null;
        }

        var total = 0;
        var at = 1;
        if (args[0] == "seed")
        {
            if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out total))
            {
                return null;
            }

            at = 2;
        }

        var parsed = new Arguments(args[0], total, "le-declic", null, SituationSeeder.DefaultBatchSize, null, 5);
        for (; at < args.Length; at += 2)
        {
            if (at + 1 >= args.Length)
            {
                return null;
            }

            var value = args[at + 1];
            parsed = args[at] switch
            {
                "--service" => parsed with { Service = value },
                "--account" => parsed with { Account = Path.GetFullPath(value) },
                "--batch" when int.TryParse(value, CultureInfo.InvariantCulture, out var batch) && batch > 0 => parsed with { Batch = batch },
                "--school" when int.TryParse(value, CultureInfo.InvariantCulture, out var school) => parsed with { School = school },
                "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var runs) && runs >= 0 => parsed with { Runs = runs },
                _ => null,
            };
            if (parsed is null)
            {
                return null;
            }
        }

        return parsed;
    }
}
