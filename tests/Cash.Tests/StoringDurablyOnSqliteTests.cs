using Cash.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>A write acknowledged to a person survives a crash: WAL, synchronous=FULL, foreign keys enforced.</summary>
public sealed class StoringDurablyOnSqliteTests(SqliteCashApp app) : IClassFixture<SqliteCashApp>
{
    [Fact]
    public async Task TheDatabaseFileIsInWriteAheadLogMode()
    {
        var file = ((SqliteTestDatabase)app.Database).FilePath;
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
    }

    [Fact]
    public async Task TheAppsConnectionsSyncFullyAndEnforceForeignKeys()
    {
        var (synchronous, foreignKeys) = await app.InDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            var connection = db.Database.GetDbConnection();
            return (await PragmaAsync(connection, "synchronous"), await PragmaAsync(connection, "foreign_keys"));
        });

        Assert.Equal("2", synchronous);
        Assert.Equal("1", foreignKeys);
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
