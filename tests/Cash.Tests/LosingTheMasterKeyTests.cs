using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// The master key file is the one thing that must never be replaced behind the database's back:
/// the real app, in a process of its own, refuses to start when the file is missing or holds
/// another key than the one the database was sealed with, and says which key to restore; it
/// creates a key file only for a database that holds nothing sealed, and a start killed while
/// writing it leaves no empty or partial key file behind.
/// </summary>
public abstract class LosingTheMasterKeyTests(DatabaseProvider provider) : IDisposable
{
    /// <summary>A Unix mode of owner read and write only.</summary>
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly DirectoryInfo keys = Directory.CreateTempSubdirectory("cash-master-key-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string KeyFile => Path.Combine(keys.FullName, "keys", "master.key");

    /// <summary>The app's settings with the key in a file instead of <c>Security:MasterKey</c>.</summary>
    private Dictionary<string, string?> FromTheKeyFile => new()
    {
        ["Security:MasterKey"] = null,
        ["Security:MasterKeyFile"] = KeyFile,
        ["Site:BaseUrl"] = "http://127.0.0.1",
    };

    public void Dispose()
    {
        keys.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task WithItsKeyFileGoneAPopulatedDatabaseDoesNotStartSaysWhyAndWritesNoKey()
    {
        await using var database = await TestDatabase.CreateAsync(provider, Cancellation);
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, database.MasterKey, Cancellation);
        await PopulateAsync(database);

        File.Delete(KeyFile);
        var start = await StartAsync(database, FromTheKeyFile);

        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.Contains(KeyFile, start.Error, StringComparison.Ordinal);
        Assert.Contains("is missing", start.Error, StringComparison.Ordinal);
        Assert.Contains("Restore", start.Error, StringComparison.Ordinal);
        Assert.Contains("backup of the master key", start.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", start.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(KeyFile)!));

        // The command line refuses the same way rather than seal anything under a new key.
        var verify = await CashWebProcess.RunAsync(database, new CashWebProcess.ProcessOptions { Settings = FromTheKeyFile }, "audit", "verify");
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains(KeyFile, verify.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));

        // Once the file is back from the backup, the app starts and serves.
        await File.WriteAllTextAsync(KeyFile, database.MasterKey, Cancellation);
        await using var server = await CashWebServer.StartAsync(database, FromTheKeyFile);
        Assert.Equal(database.MasterKey, (await File.ReadAllTextAsync(KeyFile, Cancellation)).Trim());
    }

    [Fact]
    public async Task AnotherMasterKeyThanTheDatabasesStopsTheStartAndTheCommands()
    {
        await using var database = await TestDatabase.CreateAsync(provider, Cancellation);
        await PopulateAsync(database);
        var entriesBefore = await AuditEntriesAsync(database);
        var another = new Dictionary<string, string?>
        {
            ["Security:MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Site:BaseUrl"] = "http://127.0.0.1",
        };

        var start = await StartAsync(database, another);
        var verify = await CashWebProcess.RunAsync(database, new CashWebProcess.ProcessOptions { Settings = another }, "audit", "verify");
        var seed = await CashWebProcess.RunAsync(database, new CashWebProcess.ProcessOptions { Settings = another }, "db", "seed");

        foreach (var run in new[] { start, verify, seed })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("is not the one this database was sealed with", run.Error, StringComparison.Ordinal);
            Assert.Contains("Security:MasterKey", run.Error, StringComparison.Ordinal);
        }

        // Nothing was sealed under the wrong key: the trail is as it was, and still verifies with the right one.
        Assert.Equal(entriesBefore, await AuditEntriesAsync(database));
        var rightKey = await CashWebProcess.RunAsync(database, "audit", "verify");
        Assert.True(rightKey.ExitCode == 0, rightKey.ToString());
    }

    [Fact]
    public async Task AStartKilledWhileWritingTheKeyFileLeavesNoKeyFileAndTheNextStartWritesAWholeOne()
    {
        await using var database = await TestDatabase.CreateAsync(provider, Cancellation);

        var killed = await CashWebProcess.RunAsync(
            database,
            new CashWebProcess.ProcessOptions { Settings = FromTheKeyFile, KilledAtFirstFileWrite = true },
            "--urls",
            "http://127.0.0.1:0");

        // 128 + SIGXFSZ: the kernel stopped it at its first write, which was the key's.
        Assert.True(killed.ExitCode == 153, killed.ToString());
        var folder = Path.GetDirectoryName(KeyFile)!;
        Assert.True(Directory.Exists(folder) && Directory.GetFiles(folder).Length > 0, $"The app was killed before it began writing the key file.\n{killed}");
        Assert.False(File.Exists(KeyFile), "A key file was left behind, empty or partial.");

        await using (var server = await CashWebServer.StartAsync(database, FromTheKeyFile))
        {
            var key = Convert.FromBase64String((await File.ReadAllTextAsync(KeyFile, Cancellation)).Trim());
            Assert.Equal(32, key.Length);
            Assert.True(OperatingSystem.IsLinux(), "The test kills the app with a Unix file size limit.");
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(KeyFile));
            }
        }
    }

    /// <summary>What any use leaves in a database: an invitation, with its audit entry, sealed under the database's key.</summary>
    private async Task PopulateAsync(TestDatabase database)
    {
        var settings = File.Exists(KeyFile) ? FromTheKeyFile : new Dictionary<string, string?>();
        var invite = await CashWebProcess.RunAsync(
            database,
            new CashWebProcess.ProcessOptions { Settings = settings },
            "users",
            "invite",
            "--email",
            "premiere@example.be",
            "--role",
            "Administrator");
        Assert.True(invite.ExitCode == 0, invite.ToString());
        Assert.NotEmpty(await AuditEntriesAsync(database));
    }

    /// <summary>Starts the server and waits for it to stop on its own; one that keeps serving is a failure.</summary>
    private static Task<CashWebProcess.Completed> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings) =>
        CashWebProcess.RunAsync(
            database,
            new CashWebProcess.ProcessOptions { Settings = settings, Patience = TimeSpan.FromSeconds(45) },
            "--urls",
            "http://127.0.0.1:0");

    private static async Task<List<string>> AuditEntriesAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        return await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence + " " + e.Action).ToListAsync(Cancellation);
    }
}

public sealed class LosingTheMasterKeyOnSqlite() : LosingTheMasterKeyTests(DatabaseProvider.Sqlite);

public sealed class LosingTheMasterKeyOnPostgres() : LosingTheMasterKeyTests(DatabaseProvider.Postgres);
