using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cash.Web.Data;

/// <summary>
/// Reads what a failed write means, on either database: only a unique index's own error counts as
/// a duplicate. Any other failure (a check, a trigger, a lost connection) is a real failure, even
/// when the database files it under "constraint" too.
/// </summary>
public static class DatabaseErrors
{
    private const int SqliteUniqueConstraint = 2067;

    /// <summary>
    /// True when the database did not answer (or answered with an error of its own) somewhere in
    /// <paramref name="error"/>'s chain: the page says "try again in a moment" (503) and keeps what
    /// was typed, rather than a generic error.
    /// </summary>
    public static bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
    private const string PostgresUniqueViolation = "23505";

    /// <summary>
    /// True when <paramref name="exception"/> is a unique violation of the one-column index on
    /// <paramref name="table"/>.<paramref name="column"/> (named by EF Core's convention, <c>IX_Table_Column</c>).
    /// </summary>
    public static bool IsDuplicate(DbUpdateException exception, string table, string column)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            // SQLite names no constraint, only the columns: "UNIQUE constraint failed: HelpRequests.ReceiptId".
            SqliteException { SqliteExtendedErrorCode: SqliteUniqueConstraint } sqlite =>
                ColumnsOf(sqlite.Message).SequenceEqual([$"{table}.{column}"]),
            PostgresException { SqlState: PostgresUniqueViolation } postgres =>
                postgres.TableName == table && postgres.ConstraintName == $"IX_{table}_{column}",
            _ => false,
        };
    }

    private static string[] ColumnsOf(string message)
    {
        const string Marker = "UNIQUE constraint failed: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var rest = message[(start + Marker.Length)..];
        var end = rest.IndexOfAny(['\'', '\n']);
        return (end < 0 ? rest : rest[..end]).Split(", ", StringSplitOptions.TrimEntries);
    }
}
