using Cash.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A real, empty database that belongs to one app instance (or one command-line run) and is
/// deleted afterwards, so test classes never see each other's data and can run in parallel.
/// </summary>
/// <remarks>
/// SQLite: a fresh file in its own temporary folder. PostgreSQL: the environment variable
/// <c>CASH_TEST_POSTGRES</c> holds an admin connection string to a throw-away cluster, which
/// <c>./scripts/test.sh</c> starts on 127.0.0.1 and sets; each instance creates a uniquely
/// named database in it and drops it on dispose. Without the variable the PostgreSQL tests fail
/// (never skip), so a green run always means both providers were exercised.
/// </remarks>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CASH_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The application's <c>ConnectionStrings:Cash</c>.</summary>
    public abstract string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken) =>
        provider switch
        {
            DatabaseProvider.Sqlite => new SqliteTestDatabase(),
            DatabaseProvider.Postgres => await PostgresTestDatabase.CreateAsync(cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    /// <summary>A context on this database, for checking what a command left in it.</summary>
    public CashDbContext OpenContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresCashDbContext(new DbContextOptionsBuilder<PostgresCashDbContext>().UseNpgsql(ConnectionString).Options)
        : new SqliteCashDbContext(new DbContextOptionsBuilder<SqliteCashDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>
    /// The master key that goes with this database (its key rings and audit trail are sealed with it);
    /// a database restored from another's backup takes that one's key.
    /// </summary>
    public string MasterKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The settings that point the application to this database, with its master key.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Cash"] = ConnectionString,
        ["Security:MasterKey"] = MasterKey,
    };

    /// <summary>True when the application's connection string points to this very database.</summary>
    public abstract bool IsTargetOf(string? connectionString);

    public abstract ValueTask DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("cash-tests-").FullName;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath => Path.Combine(folder, "cash.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    public override bool IsTargetOf(string? connectionString) =>
        new SqliteConnectionStringBuilder(connectionString).DataSource == FilePath;

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm companions) open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string adminConnectionString;
    private readonly string name;

    private PostgresTestDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString { get; }

    public override bool IsTargetOf(string? connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database == name;

    public static async Task<PostgresTestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set, so the PostgreSQL half of the tests cannot run. " +
                "Run the tests with ./scripts/test.sh (README, \"Test it\"): it starts a throw-away PostgreSQL cluster and sets " +
                $"{PostgresVariable}; or set it yourself to an admin connection string, e.g. " +
                "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres.");
        }

        var database = new PostgresTestDatabase(admin, $"cash_test_{Guid.NewGuid():N}");
        await database.ExecuteAsAdminAsync($"CREATE DATABASE \"{database.name}\"", cancellationToken);
        return database;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE ends connections an app instance may still hold, so the drop never waits.
        await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteAsAdminAsync(string sql, CancellationToken cancellationToken)
    {
        // A pool per admin connection would outlive the test run for nothing.
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
