using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

// The baseline for durable submissions: the fastest an application could store one row per
// acknowledged request on this disk — a bare loop of single-row transactions on SQLite with the
// same durability settings as the app (WAL, synchronous=FULL), rows of the same size as a help
// request. Usage: RawInserts <database file> <seconds>. Prints "inserts/s: N".
if (args.Length != 2 || !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
{
    Console.Error.WriteLine("Usage: RawInserts <database file> <seconds>");
    return 2;
}

using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args[0], Pooling = false }.ToString());
connection.Open();
Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
Execute(connection, "CREATE TABLE IF NOT EXISTS Requests (Id BLOB PRIMARY KEY, CreatedAt INTEGER NOT NULL, Text BLOB NOT NULL, Hash BLOB NOT NULL)");

using var insert = connection.CreateCommand();
insert.CommandText = "INSERT INTO Requests (Id, CreatedAt, Text, Hash) VALUES ($id, $at, $text, $hash)";
var id = insert.Parameters.Add("$id", SqliteType.Blob);
var at = insert.Parameters.Add("$at", SqliteType.Integer);
var text = insert.Parameters.Add("$text", SqliteType.Blob);
var hash = insert.Parameters.Add("$hash", SqliteType.Blob);

var count = 0;
var clock = Stopwatch.StartNew();
while (clock.Elapsed.TotalSeconds < seconds)
{
    using var transaction = connection.BeginTransaction();
    insert.Transaction = transaction;
    id.Value = Guid.NewGuid().ToByteArray();
    at.Value = DateTimeOffset.UtcNow.UtcTicks;
    text.Value = RandomNumberGenerator.GetBytes(600);
    hash.Value = RandomNumberGenerator.GetBytes(32);
    insert.ExecuteNonQuery();
    transaction.Commit();
    count++;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inserts/s: {count / clock.Elapsed.TotalSeconds:0}"));
return 0;

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}
