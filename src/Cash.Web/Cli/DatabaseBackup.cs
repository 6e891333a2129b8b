using System.Globalization;
using System.Text;
using Cash.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cash.Web.Cli;

/// <summary>
/// <c>db backup PATH</c> and <c>db restore PATH</c>. On SQLite the backup is SQLite's online backup
/// of a running database: the live file is in WAL mode, so a copy of <c>cash.db</c> alone can miss the
/// latest writes or every table. On PostgreSQL both commands print the <c>pg_dump</c>/<c>pg_restore</c>
/// commands instead and write nothing (exit code 1, so a script that expected a file stops).
/// </summary>
/// <remarks>
/// Neither command resolves an application service: they need no master key and create nothing but
/// the file they were asked for (a restore into a fresh folder must not generate a new master key).
/// </remarks>
internal static class DatabaseBackup
{
    private const string MigrationsHistoryTable = "__EFMigrationsHistory";
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteNotADatabase = 26;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string KeyReminder =
        "The master key is NOT in the backup: keep it apart and back it up separately; without it this backup gives the directory and the structure, but no encrypted content, no sign-in secrets, and an audit trail that cannot be verified.";

    public static Task<int> BackupAsync(IConfiguration configuration, string contentRoot, string path) =>
        RunAsync("db backup", configuration, contentRoot, path, Backup, PostgresBackup);

    public static Task<int> RestoreAsync(IConfiguration configuration, string contentRoot, string path) =>
        RunAsync("db restore", configuration, contentRoot, path, Restore, PostgresRestore);

    private static async Task<int> RunAsync(
        string command,
        IConfiguration configuration,
        string contentRoot,
        string path,
        Func<string, string, string> onSqlite,
        Func<NpgsqlConnectionStringBuilder, string, string> onPostgres)
    {
        var connectionString = configuration.GetConnectionString("Cash");
        if (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Postgres)
        {
            await Console.Out.WriteLineAsync(onPostgres(new NpgsqlConnectionStringBuilder(connectionString), Path.GetFullPath(path)));
            await Console.Error.WriteLineAsync($"{command} wrote nothing: on PostgreSQL use pg_dump and pg_restore as shown above.");
            return 1;
        }

        try
        {
            var database = new SqliteConnectionStringBuilder(DatabaseRegistration.SqliteConnectionString(connectionString, contentRoot));
            if (database.DataSource == ":memory:" || database.Mode == SqliteOpenMode.Memory)
            {
                throw new Refusal("the configured database is in memory: there is nothing on disk to back up or restore.");
            }

            await Console.Out.WriteLineAsync(onSqlite(database.DataSource, Path.GetFullPath(path)));
            return 0;
        }
        catch (Exception e) when (e is Refusal or IOException or UnauthorizedAccessException or SqliteException)
        {
            // One line an operator can act on; a stack trace would only hide it.
            await Console.Error.WriteLineAsync($"{command} failed: {OneLine(e.Message)}");
            return 1;
        }
    }

    private static string Backup(string database, string target)
    {
        if (!File.Exists(database))
        {
            throw new Refusal($"there is no database at {database}: nothing to back up.");
        }

        RefuseExisting(target);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = PartialName(target);
        try
        {
            using (var source = Open(database, SqliteOpenMode.ReadWrite))
            using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                // One step copies every page inside one read transaction of the source: a snapshot
                // as of that moment, taken while the application goes on writing (WAL readers never
                // block the writer).
                WhileBusy(() => source.BackupDatabase(copy));

                // A single self-contained file, whatever the source's journal mode.
                Execute(copy, "PRAGMA journal_mode = DELETE;");
                var check = Scalar(copy, "PRAGMA quick_check;");
                if (check != "ok")
                {
                    throw new Refusal($"the copy failed SQLite's quick_check ({check}); nothing was written.");
                }
            }

            // A rename that refuses an existing target: never a half-written file under the name asked for.
            File.Move(partial, target, overwrite: false);
        }
        finally
        {
            DeleteLeftovers(partial);
        }

        return $"""
            Backup written: {target} ({Size(target)}).
            {KeyReminder}
            """;
    }

    private static string Restore(string database, string backup)
    {
        if (!File.Exists(backup))
        {
            throw new Refusal($"there is no file at {backup}.");
        }

        var replacesEmptyDatabase = RefuseNonEmpty(database);
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var partial = PartialName(database);
        try
        {
            CopyDurably(backup, partial);

            // The copy is what gets placed, so the copy is what gets checked.
            Validate(partial, backup);
            File.Move(partial, database, overwrite: replacesEmptyDatabase);
        }
        finally
        {
            DeleteLeftovers(partial);
        }

        return $"""
            Restored {backup} ({Size(database)}) to {database}.
            Start the application with the master key this backup was taken with: the key is NOT in the backup.
            """;
    }

    /// <summary>
    /// Refuses any data in the way, without writing a byte beside it; true when an empty database
    /// file is there to be replaced.
    /// </summary>
    private static bool RefuseNonEmpty(string database)
    {
        if (Directory.Exists(database))
        {
            throw new Refusal($"{database} is a folder, not a database file.");
        }

        // SQLite replays a non-empty write-ahead log or rollback journal into whatever file bears the
        // database's name, so either one is data in the way, with or without its database.
        foreach (var journal in new[] { database + "-wal", database + "-journal" })
        {
            if (File.Exists(journal) && new FileInfo(journal).Length > 0)
            {
                throw new Refusal($"{journal} holds data: restore only fills an empty data location. Stop the application and move the database and its companion files away first; nothing was changed.");
            }
        }

        if (!File.Exists(database))
        {
            return false;
        }

        if (new FileInfo(database).Length == 0)
        {
            return true;
        }

        long objects;
        try
        {
            // Immutable: read the file as it is, without the locks and the -shm/-wal files a normal
            // open creates (there is no log to read: it was checked empty above).
            using var existing = Open(new Uri(database).AbsoluteUri + "?immutable=1", SqliteOpenMode.ReadOnly);
            objects = long.Parse(Scalar(existing, "SELECT count(*) FROM sqlite_master;"), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new Refusal($"{database} exists and is not an empty database: restore only fills an empty data location. Nothing was changed.");
        }

        if (objects > 0)
        {
            throw new Refusal($"{database} already holds a database ({objects} tables and indexes): restore only fills an empty data location. Stop the application and move the file away first; nothing was changed.");
        }

        return true;
    }

    private static void Validate(string copy, string backup)
    {
        using var connection = Open(copy, SqliteOpenMode.ReadWrite);
        string check;
        try
        {
            check = Scalar(connection, "PRAGMA integrity_check;");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new Refusal($"{backup} is not a SQLite database. Nothing was changed.");
        }

        if (check != "ok")
        {
            throw new Refusal($"{backup} is damaged (integrity_check: {check}). Nothing was changed.");
        }

        var history = Scalar(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{MigrationsHistoryTable}';");
        if (history != "1")
        {
            throw new Refusal($"{backup} is a SQLite database, but not one of this application (no migrations history). Nothing was changed.");
        }
    }

    private static string PostgresBackup(NpgsqlConnectionStringBuilder connection, string target) => $"""
        db backup does not copy a PostgreSQL database: PostgreSQL's own pg_dump does, consistently, while the application runs.
        Run, with the password in PGPASSWORD or ~/.pgpass (it is not printed here):
          pg_dump --format=custom --file={Quote(target)} --dbname={Quote(ConnectionInfo(connection))}
        Restore a dump with (stop the application first: --clean replaces whatever the database holds):
          pg_restore --clean --if-exists --no-owner --single-transaction --dbname={Quote(ConnectionInfo(connection))} {Quote(target)}
        {KeyReminder}
        """;

    private static string PostgresRestore(NpgsqlConnectionStringBuilder connection, string backup) => $"""
        db restore does not load a PostgreSQL database: PostgreSQL's own pg_restore does.
        Stop the application, then run, with the password in PGPASSWORD or ~/.pgpass (it is not printed here):
          pg_restore --clean --if-exists --no-owner --single-transaction --dbname={Quote(ConnectionInfo(connection))} {Quote(backup)}
        The dump comes from:
          pg_dump --format=custom --file={Quote(backup)} --dbname={Quote(ConnectionInfo(connection))}
        Then start the application with the master key the dump was taken with: the key is NOT in the dump.
        """;

    /// <summary>The application's connection as a libpq connection string, without its password.</summary>
    private static string ConnectionInfo(NpgsqlConnectionStringBuilder connection)
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null && !string.IsNullOrEmpty(value.ToString()))
            {
                parts.Add($"{key}={QuoteConnectionInfoValue(Convert.ToString(value, CultureInfo.InvariantCulture)!)}");
            }
        }

        Add("host", connection.Host);
        Add("port", connection.Port);
        Add("dbname", connection.Database);
        Add("user", connection.Username);
        if (connection.SslMode != SslMode.Prefer)
        {
            Add("sslmode", connection.SslMode switch
            {
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                var mode => mode.ToString().ToLowerInvariant(),
            });
        }

        return string.Join(' ', parts);
    }

    private static string QuoteConnectionInfoValue(string value) =>
        value.Length > 0 && value.All(c => !char.IsWhiteSpace(c) && c is not '\'' and not '\\')
            ? value
            : "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <summary>A shell word (POSIX single quotes), so a printed command can be pasted as it is.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void RefuseExisting(string target)
    {
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new Refusal($"{target} already exists: a backup never overwrites anything. Choose a new name.");
        }
    }

    private static string PartialName(string target) =>
        $"{target}.{Guid.NewGuid().ToString("N")[..8]}.partial";

    private static void CopyDurably(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        source.CopyTo(destination);
        destination.Flush(flushToDisk: true);
    }

    private static void DeleteLeftovers(string partial)
    {
        // Pooling is off on every connection here, so nothing keeps these files open.
        foreach (var file in new[] { partial, partial + "-journal", partial + "-wal", partial + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = mode,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {(int)Patience.TotalMilliseconds};");
        return connection;
    }

    /// <summary>The online backup gives up at once when the source is locked; a busy site gets a few more tries.</summary>
    private static void WhileBusy(Action action)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                action();
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static string Size(string file) =>
        string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(file).Length:N0} bytes");

    private static string OneLine(string message) =>
        new StringBuilder(message).Replace('\r', ' ').Replace('\n', ' ').ToString();

    /// <summary>A refusal the operator can act on, printed as it is.</summary>
    private sealed class Refusal(string message) : Exception(message);
}
