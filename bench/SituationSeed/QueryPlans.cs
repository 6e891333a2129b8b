using System.Data.Common;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Cash.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SQLitePCL;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// The plan of each list shape (<see cref="ListQueries"/>) as the database chose it, how it walks
/// the situations, and what one page costs: the median of a few runs and, on PostgreSQL, the
/// pages of 8 kB it touched (a number that must not grow with the table).
/// </summary>
public static partial class QueryPlans
{
    public enum Walk
    {
        /// <summary>An index in list order, stopping after one page: flat.</summary>
        IndexOrder,

        /// <summary>Sorts what it found: flat only while what it finds is bounded (pending referrals).</summary>
        SortsMatches,

        /// <summary>Reads a whole table: grows with it.</summary>
        FullScan,
    }

    /// <summary>How long one run of a query may take before it is stopped and reported as too slow.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The same limit, as PostgreSQL applies it on its side.</summary>
    private const string PostgresLimit = "SET statement_timeout = '10s'";

    /// <summary>Steers PostgreSQL's planner away from whole-table reads and sorts, where it can.</summary>
    private const string PostgresIndexesOnly = "SET enable_seqscan = off; SET enable_sort = off";

    /// <param name="Name">The shape.</param>
    /// <param name="Route">The list's query string it stands for.</param>
    /// <param name="Sql">The SQL EF Core sends, with its parameters.</param>
    /// <param name="Plan">The database's plan, one step a line.</param>
    /// <param name="Walk">How the plan reads the situations.</param>
    /// <param name="MedianMs">The median time of the runs; null when not run, infinity when a run went over <see cref="Limit"/>.</param>
    /// <param name="Rows">The rows of one page.</param>
    /// <param name="Pages">PostgreSQL: the 8 kB pages one run touched.</param>
    /// <param name="Index">The index that should serve the shape in list order, with its filter as the index's first column; null when none should.</param>
    public sealed record Report(string Name, string Route, string Sql, IReadOnlyList<string> Plan, Walk Walk, double? MedianMs, int Rows, long? Pages, string? Index)
    {
        /// <summary>Whether the plan walks that index (rather than, say, the date index with the filter checked row by row).</summary>
        public bool UsesIndex => Index is null || Plan.Any(l => l.Contains(Index, StringComparison.Ordinal));
    }

    /// <param name="db">The database.</param>
    /// <param name="serviceId">The viewer's service.</param>
    /// <param name="schoolId">The school of the school filter.</param>
    /// <param name="runs">How many times each query runs for its median time; 0 to only explain.</param>
    /// <param name="each">Called with each report as soon as it is made.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <param name="indexesOnly">
    /// PostgreSQL: the plan it makes when whole-table reads and sorts are turned off. On a small
    /// database its cheapest plan reads the table whatever the indexes (and picks the indexes once
    /// the table is big, as the benchmark's plans show): what this tells is whether an index serves
    /// each shape in list order. SQLite, which keeps no statistics here, plans alike at every size.
    /// </param>
    public static async Task<IReadOnlyList<Report>> ExplainAsync(CashDbContext db, int serviceId, int schoolId, int runs, Action<Report>? each, CancellationToken cancellationToken, bool indexesOnly = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var postgres = db.Database.IsNpgsql();
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync(PostgresLimit, cancellationToken);
                if (indexesOnly)
                {
                    await db.Database.ExecuteSqlRawAsync(PostgresIndexesOnly, cancellationToken);
                }
            }

            // The cursor of the second page: the last row of the first one.
            var first = await ListQueries.All(db, serviceId, schoolId, (DateTimeOffset.MaxValue, Guid.Empty))[0].Query.ToListAsync(cancellationToken);
            var last = first.Count == 0 ? null : first[Math.Min(first.Count, ListQueries.PageSize) - 1];
            var after = last is null ? (DateTimeOffset.UnixEpoch, Guid.Empty) : (last.LastActivityAt, last.Id);
            var reports = new List<Report>();
            foreach (var shape in ListQueries.All(db, serviceId, schoolId, after))
            {
                IReadOnlyList<string> plan;
                long? pages = null;
                await using (var command = shape.Query.CreateDbCommand())
                {
                    (plan, pages) = postgres ? await ExplainPostgresAsync(command, cancellationToken) : (await ExplainSqliteAsync(command, cancellationToken), null);
                }

                var times = new List<double>();
                var rows = 0;
                for (var i = 0; i < runs; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var page = await WithinLimitAsync(db, () => shape.Query.ToListAsync(cancellationToken));
                    times.Add(page is null ? double.PositiveInfinity : clock.Elapsed.TotalMilliseconds);
                    rows = page?.Count ?? 0;
                    if (page is null)
                    {
                        break;
                    }
                }

                times.Sort();
                var report = new Report(shape.Name, shape.Route, shape.Query.ToQueryString(), plan, Classify(plan, postgres), times.Count == 0 ? null : times[times.Count / 2], rows, pages, shape.Index);
                reports.Add(report);
                each?.Invoke(report);
            }

            return reports;
        }
        finally
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("RESET ALL", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs a query, stopped after <see cref="Limit"/>: null when it was.</summary>
    private static async Task<T?> WithinLimitAsync<T>(CashDbContext db, Func<Task<T>> query)
        where T : class
    {
        var connection = db.Database.GetDbConnection();

        // SQLite's ADO.NET provider does not cancel a running statement; SQLite's own interrupt does.
        await using var interrupt = connection is SqliteConnection sqlite
            ? new Timer(_ => raw.sqlite3_interrupt(sqlite.Handle), null, Limit, Timeout.InfiniteTimeSpan)
            : null;
        try
        {
            return await query();
        }
        catch (SqliteException interrupted) when (interrupted.SqliteErrorCode == raw.SQLITE_INTERRUPT)
        {
            return null;
        }
        catch (PostgresException cancelled) when (cancelled.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            return null;
        }
    }

    public static Walk Classify(IReadOnlyList<string> plan, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (postgres)
        {
            return plan.Any(l => l.Contains("Seq Scan on \"Situations\"", StringComparison.Ordinal) || l.Contains("Seq Scan on \"InvolvedServices\"", StringComparison.Ordinal))
                ? Walk.FullScan
                : plan.Any(l => l.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal)) ? Walk.SortsMatches : Walk.IndexOrder;
        }

        return plan.Any(l => BareScan().IsMatch(l.Trim()))
            ? Walk.FullScan
            : plan.Any(l => l.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)) ? Walk.SortsMatches : Walk.IndexOrder;
    }

    /// <summary>SQLite's plan as an indented tree, one step a line.</summary>
    private static async Task<IReadOnlyList<string>> ExplainSqliteAsync(DbCommand query, CancellationToken cancellationToken)
    {
        query.CommandText = "EXPLAIN QUERY PLAN " + query.CommandText;
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var depth = new Dictionary<long, int>();
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var parent = reader.GetInt64(1);
            var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            depth[id] = level;
            lines.Add(new string(' ', level * 2) + reader.GetString(3));
        }

        return lines;
    }

    /// <summary>PostgreSQL's plan, run (ANALYZE) with the pages it touched (BUFFERS) as its top line counts them.</summary>
    private static async Task<(IReadOnlyList<string> Plan, long? Pages)> ExplainPostgresAsync(DbCommand query, CancellationToken cancellationToken)
    {
        var sql = query.CommandText;
        List<string> lines;
        try
        {
            lines = await LinesAsync(query, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF) " + sql, cancellationToken);
        }
        catch (PostgresException cancelled) when (cancelled.SqlState == PostgresErrorCodes.QueryCanceled)
        {
            // Too slow to run: the plan alone, with the planner's estimates.
            return (await LinesAsync(query, "EXPLAIN " + sql, cancellationToken), null);
        }

        long? pages = null;
        if (lines.FirstOrDefault(l => l.TrimStart().StartsWith("Buffers:", StringComparison.Ordinal)) is { } buffers)
        {
            pages = Buffers().Matches(buffers).Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return (lines, pages);
    }

    private static async Task<List<string>> LinesAsync(DbCommand query, string sql, CancellationToken cancellationToken)
    {
        query.CommandText = sql;
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    /// <summary>SQLite's step for reading a whole table in rowid order: "SCAN s" with no index named.</summary>
    [GeneratedRegex(@"^SCAN \S+$")]
    private static partial Regex BareScan();

    [GeneratedRegex(@"(?:hit|read)=(\d+)")]
    private static partial Regex Buffers();
}
