using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Pages.FollowUp;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// <c>db backup</c> and <c>db restore</c> (issue 8, point 8): a backup taken while the site takes
/// requests restores to a working site; a restore never lands on data, nor puts anything but a
/// database of this application in place; on PostgreSQL the commands say how pg_dump does it.
/// </summary>
public sealed class BackingUpAndRestoringTests : IDisposable
{
    private const int Senders = 4;

    private readonly DirectoryInfo backups = Directory.CreateTempSubdirectory("cash-backups-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryReceiptShownBeforeABackupTakenUnderLoadOpensItsThreadOnTheRestoredSite()
    {
        await using var database = new SqliteTestDatabase();
        var backup = Path.Combine(backups.FullName, "cash-backup.db");
        var shown = new ConcurrentQueue<(string Code, string Text, long At)>();
        long backupStarted;
        long backupEnded;

        await using (var server = await CashWebServer.StartAsync(database))
        {
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var form = await OpenAsync(server, "/aide");
                    var text = $"Demande {sender}-{i} pendant la sauvegarde {Guid.NewGuid()}";
                    var (response, page) = await form.SendAsync(RawForm.Fields(HelpForms.Valid(text)));
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"Request {sender}-{i}: {(int)response.StatusCode}\n{server.Output}");
                    var code = HelpForms.ReceiptOn(page) ?? throw new InvalidOperationException($"Request {sender}-{i} showed no receipt.\n{server.Output}");
                    shown.Enqueue((code, text, Stopwatch.GetTimestamp()));
                }
            })).ToList();

            try
            {
                while (shown.Count < 20)
                {
                    await Task.Delay(50, Cancellation);
                }

                backupStarted = Stopwatch.GetTimestamp();
                var run = await CashWebProcess.RunAsync(database, "db", "backup", backup);
                backupEnded = Stopwatch.GetTimestamp();
                Assert.True(run.ExitCode == 0, run.ToString());
                Assert.Contains(backup, run.Output, StringComparison.Ordinal);
                Assert.Contains("master key is NOT in the backup", run.Output, StringComparison.Ordinal);
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }
        }

        var before = shown.Where(s => s.At < backupStarted).ToList();
        Assert.True(
            shown.Any(s => s.At > backupStarted && s.At < backupEnded),
            "No receipt was shown while the backup ran: the test proves nothing.");

        await using var restored = new SqliteTestDatabase { MasterKey = database.MasterKey };
        var restore = await CashWebProcess.RunAsync(restored, "db", "restore", backup);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        await using (var server = await CashWebServer.StartAsync(restored))
        {
            await using (var db = restored.OpenContext())
            {
                var count = await db.HelpRequests.CountAsync(Cancellation);
                Assert.InRange(count, before.Count, shown.Count);
            }

            foreach (var (code, text, _) in before)
            {
                var form = await OpenAsync(server, "/suivi");
                var (response, thread) = await form.SendAsync([new("Code", code), new("action", FollowUpModel.Open)]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(text, thread.QuerySelector(".thread .request-text")?.TextContent);
            }
        }

        var verify = await CashWebProcess.RunAsync(restored, "audit", "verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public async Task RestoreRefusesATargetThatHoldsADatabaseAndLeavesItUntouched()
    {
        await using var target = new SqliteTestDatabase();
        Assert.Equal(0, (await CashWebProcess.RunAsync(target, "db", "seed")).ExitCode);
        var backup = Path.Combine(backups.FullName, "seeded.db");
        Assert.Equal(0, (await CashWebProcess.RunAsync(target, "db", "backup", backup)).ExitCode);
        Assert.Equal(0, (await CashWebProcess.RunAsync(target, "users", "invite", "--email", "kept@example.be", "--role", "Administrator")).ExitCode);
        var untouched = Fingerprint(target.FilePath);

        var run = await CashWebProcess.RunAsync(target, "db", "restore", backup);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("already holds a database", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(untouched, Fingerprint(target.FilePath));
        await using var db = target.OpenContext();
        Assert.Equal("kept@example.be", await db.Invitations.Select(i => i.Email).SingleAsync(Cancellation));
    }

    [Fact]
    public async Task RestoreRefusesAFileThatIsNotASqliteDatabase()
    {
        await using var target = new SqliteTestDatabase();
        var notADatabase = Path.Combine(backups.FullName, "notes.db");
        await File.WriteAllTextAsync(notADatabase, "Ceci n'est pas une base de données, mais un texte assez long pour en avoir l'air.", Cancellation);

        var run = await CashWebProcess.RunAsync(target, "db", "restore", notADatabase);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not a SQLite database", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(target.FilePath)!));
    }

    [Fact]
    public async Task BackupRefusesToOverwriteAnExistingFile()
    {
        await using var database = new SqliteTestDatabase();
        Assert.Equal(0, (await CashWebProcess.RunAsync(database, "db", "seed")).ExitCode);
        var existing = Path.Combine(backups.FullName, "yesterday.db");
        await File.WriteAllTextAsync(existing, "yesterday's backup", Cancellation);

        var run = await CashWebProcess.RunAsync(database, "db", "backup", existing);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("already exists", run.Error, StringComparison.Ordinal);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(existing, Cancellation));
        Assert.Equal([existing], Directory.GetFiles(backups.FullName));
    }

    [Fact]
    public async Task OnPostgresBothCommandsPrintThePostgresToolsToUseAndWriteNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, Cancellation);
        Assert.Equal(0, (await CashWebProcess.RunAsync(database, "db", "migrate")).ExitCode);
        var dump = Path.Combine(backups.FullName, "cash.dump");
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

        var backup = await CashWebProcess.RunAsync(database, "db", "backup", dump);
        var restore = await CashWebProcess.RunAsync(database, "db", "restore", dump);

        Assert.True(backup.ExitCode == 1, backup.ToString());
        Assert.Contains($"pg_dump --format=custom --file='{dump}' --dbname='", backup.Output, StringComparison.Ordinal);
        Assert.Contains($"dbname={name}", backup.Output, StringComparison.Ordinal);
        Assert.Contains("master key is NOT", backup.Output, StringComparison.Ordinal);
        Assert.True(restore.ExitCode == 1, restore.ToString());
        Assert.Contains("pg_restore --clean --if-exists --no-owner", restore.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(backups.FullName));
    }

    public void Dispose() => backups.Delete(recursive: true);

    /// <summary>The bytes of a database file and of its write-ahead log, as a restore found them.</summary>
    private static string Fingerprint(string file) => string.Join(' ',
        new[] { file, file + "-wal" }.Select(f => File.Exists(f) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) : "absent"));

    private static async Task<RawForm> OpenAsync(CashWebServer server, string url)
    {
        using var response = await server.Client.GetAsync(new Uri(url, UriKind.Relative), Cancellation);
        await response.Content.LoadIntoBufferAsync(Cancellation);
        return await RawForm.FromAsync(server.Client, new Uri(url, UriKind.Relative), response, cookieByHand: true);
    }
}
