using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// Writes rows of the app's tables in big transactions, far faster than EF Core's change tracker
/// or the web forms: multiple-row INSERTs of prepared statements on SQLite, binary COPY on
/// PostgreSQL. One transaction per <see cref="BeginAsync"/>/<see cref="CommitAsync"/>; one writer
/// per thread.
/// </summary>
public abstract class BulkWriter : IAsyncDisposable
{
    public static async Task<BulkWriter> OpenAsync(bool postgres, string connectionString, CancellationToken cancellationToken)
    {
        BulkWriter writer = postgres ? new PostgresBulkWriter(connectionString) : new SqliteBulkWriter(connectionString);
        await writer.OpenAsync(cancellationToken);
        return writer;
    }

    public abstract Task BeginAsync(CancellationToken cancellationToken);

    public abstract Task WriteAsync<TEntity>(TableShape shape, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class;

    public abstract Task CommitAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected abstract Task OpenAsync(CancellationToken cancellationToken);

    protected static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// SQLite: one prepared INSERT per table that carries <see cref="RowsPerStatement"/> rows, and a
/// one-row INSERT for the rest, bound by position through SQLite's own API: ADO.NET binds every
/// parameter by name, and SQLite finds a name by comparing it with every other, which costs more
/// than the insert itself once a statement has hundreds of parameters. Values are bound as EF Core
/// stores them (Guids as upper-case text, dates as ISO text); the seed's check reads them back
/// through EF Core. Durability is relaxed for this connection only (synchronous=OFF, the file
/// stays in WAL): a benchmark's data is rebuilt, never recovered.
/// </summary>
internal sealed class SqliteBulkWriter(string connectionString) : BulkWriter
{
    private const int RowsPerStatement = 50;

    private readonly SqliteConnection connection = new(connectionString);
    private readonly Dictionary<string, (sqlite3_stmt Many, sqlite3_stmt One)> statements = [];
    private SqliteTransaction? transaction;

    protected override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();

        // Pages stay in memory (up to 1 GB) between batches: the indexes on dates and statuses take
        // rows in random order, and reading their pages again is what slows a big load down.
        pragmas.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = 30000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task BeginAsync(CancellationToken cancellationToken) =>
        transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

    public override Task WriteAsync<TEntity>(TableShape shape, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rows);
        if (!statements.TryGetValue(shape.Table, out var prepared))
        {
            prepared = (Prepare(shape, RowsPerStatement), Prepare(shape, 1));
            statements[shape.Table] = prepared;
        }

        var columns = shape.Columns;
        var at = 0;
        foreach (var (statement, size) in new[] { (prepared.Many, RowsPerStatement), (prepared.One, 1) })
        {
            for (; at + size <= rows.Count; at += size)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var r = 0; r < size; r++)
                {
                    var row = rows[at + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        Bind(statement, (r * columns.Count) + c + 1, columns[c].Read(row));
                    }
                }

                Check(raw.sqlite3_step(statement), raw.SQLITE_DONE);
                Check(raw.sqlite3_reset(statement), raw.SQLITE_OK);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction!.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var (many, one) in statements.Values)
        {
            many.Dispose();
            one.Dispose();
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    private sqlite3_stmt Prepare(TableShape shape, int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", shape.Columns.Count)) + ")";
        var sql = $"INSERT INTO {Quote(shape.Table)} ({string.Join(", ", shape.Columns.Select(c => Quote(c.Name)))}) VALUES {string.Join(", ", Enumerable.Repeat(row, rows))}";
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement), raw.SQLITE_OK);
        return statement;
    }

    /// <summary>A stored value as EF Core's SQLite provider writes it (after the property's converter).</summary>
    private void Bind(sqlite3_stmt statement, int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string text => raw.sqlite3_bind_text(statement, index, text),
            byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(statement, index, number),
            Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
            DateOnly day => raw.sqlite3_bind_text(statement, index, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"No SQLite binding for a {value.GetType().Name}: add it, as EF Core stores it."),
        };
        Check(rc, raw.SQLITE_OK);
    }

    private void Check(int rc, int expected)
    {
        if (rc != expected)
        {
            throw new InvalidOperationException($"SQLite error {rc}: {raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}");
        }
    }
}

/// <summary>PostgreSQL: binary COPY, one per table and batch, every column written with its store type.</summary>
internal sealed class PostgresBulkWriter(string connectionString) : BulkWriter
{
    private readonly NpgsqlConnection connection = new(connectionString);
    private DbTransaction? transaction;

    protected override async Task OpenAsync(CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);

        // Commits wait for no flush: a benchmark's data is rebuilt, never recovered.
        await using (var durability = new NpgsqlCommand("SET synchronous_commit = off", connection))
        {
            await durability.ExecuteNonQueryAsync(cancellationToken);
        }

        // Foreign keys are checked by triggers, one query per row and key: almost half the load's
        // time. The generator makes every key point to a row it wrote before (or one of the app's)
        // and the seed's check reads them back through EF Core, so, as a restore does, the load
        // skips them when it may (a superuser, as in the benchmark's own cluster) and pays for them
        // otherwise.
        try
        {
            await using var triggers = new NpgsqlCommand("SET session_replication_role = replica", connection);
            await triggers.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
        }
    }

    public override async Task BeginAsync(CancellationToken cancellationToken) =>
        transaction = await connection.BeginTransactionAsync(cancellationToken);

    public override async Task WriteAsync<TEntity>(TableShape shape, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var columns = shape.Columns;
        var types = columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        var copy = $"COPY {Quote(shape.Table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var import = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            import.StartRow();
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].Read(row) is { } value)
                {
                    import.Write(value, types[c]);
                }
                else
                {
                    import.WriteNull();
                }
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    public override async Task CommitAsync(CancellationToken cancellationToken)
    {
        await transaction!.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
    }

    public override async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
