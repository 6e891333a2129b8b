using System.Data.Common;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cash.Web.Audit;

/// <summary>
/// Reads audit entries column by column as they are stored, without EF Core's conversions. The
/// trail is read to find tampering, so a value edited in the database to something the trail never
/// writes (an unknown outcome, text where a time belongs) must come back as one unreadable entry,
/// not as an exception that stops the whole read; and an outcome is read only by its exact name,
/// because a lenient read ("SUCCESS" as Success) would seal as if nothing had changed.
/// </summary>
internal static class StoredAuditEntries
{
    // The same column names on SQLite and PostgreSQL (both migrations), quoted the same way on both.
    private const string Select =
        """SELECT "Sequence", "At", "ActorId", "PartnerServiceId", "Action", "EntityType", "EntityId", "Outcome", "Hash" FROM "AuditEntries" """;

    private static readonly string[] OutcomeNames = Enum.GetNames<AuditOutcome>();

    /// <summary>Up to <paramref name="count"/> entries numbered after <paramref name="after"/>, in order.</summary>
    public static Task<List<StoredAuditEntry>> AfterAsync(CashDbContext db, long after, int count, CancellationToken cancellationToken) =>
        ReadAsync(
            db,
            string.Create(CultureInfo.InvariantCulture, $"""{Select}WHERE "Sequence" > @after ORDER BY "Sequence" LIMIT {count}"""),
            [("@after", after)],
            cancellationToken);

    /// <summary>The entries with these numbers, in no particular order (a number no longer stored is left out).</summary>
    public static Task<List<StoredAuditEntry>> NumberedAsync(CashDbContext db, IReadOnlyList<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return Task.FromResult(new List<StoredAuditEntry>());
        }

        var names = sequences.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"@s{i}")).ToList();
        return ReadAsync(
            db,
            $"""{Select}WHERE "Sequence" IN ({string.Join(", ", names)})""",
            [.. names.Zip(sequences, (name, sequence) => (name, sequence))],
            cancellationToken);
    }

    private static async Task<List<StoredAuditEntry>> ReadAsync(CashDbContext db, string sql, IReadOnlyList<(string Name, long Value)> parameters, CancellationToken cancellationToken)
    {
        var atConverter = db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.At))!.GetTypeMapping().Converter;
        var entries = new List<StoredAuditEntry>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(0);
                entries.Add(new StoredAuditEntry(sequence, Read(reader, sequence, atConverter)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return entries;
    }

    /// <summary>The entry, or null when one of its values is not what the trail writes.</summary>
    private static AuditEntry? Read(DbDataReader reader, long sequence, ValueConverter? atConverter)
    {
        try
        {
            var at = atConverter is null
                ? reader.GetFieldValue<DateTimeOffset>(1)
                : reader.GetValue(1) is var stored && stored.GetType() == atConverter.ProviderClrType
                    ? (DateTimeOffset)atConverter.ConvertFromProvider(stored)!
                    : (DateTimeOffset?)null;
            var actorId = reader.GetValue(2) switch
            {
                DBNull => (Guid?)null,
                Guid guid => guid,
                string text when Guid.TryParse(text, out var guid) => guid,
                _ => throw new InvalidCastException("Not an actor id."),
            };
            var partnerServiceId = reader.GetValue(3) switch
            {
                DBNull => (int?)null,
                int number => number,
                long number => checked((int)number),
                _ => throw new InvalidCastException("Not a service id."),
            };
            var action = reader.GetValue(4) as string;
            var entityType = OptionalText(reader.GetValue(5));
            var entityId = OptionalText(reader.GetValue(6));
            var outcome = reader.GetValue(7) is string name && OutcomeNames.Contains(name, StringComparer.Ordinal)
                ? Enum.Parse<AuditOutcome>(name)
                : (AuditOutcome?)null;
            var hash = reader.GetValue(8) as byte[];

            return at is null || action is null || outcome is null || hash is null
                ? null
                : AuditEntry.Stored(sequence, at.Value, actorId, partnerServiceId, action, entityType, entityId, outcome.Value, hash);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            // A provider or a converter refusing the stored value: the same verdict, this entry cannot be read.
            return null;
        }
    }

    private static string? OptionalText(object value) => value switch
    {
        DBNull => null,
        string text => text,
        _ => throw new InvalidCastException("Not a text."),
    };
}

/// <param name="Entry">Null when a stored value is not one the trail writes.</param>
internal sealed record StoredAuditEntry(long Sequence, AuditEntry? Entry);
