using System.Reflection;
using Cash.Web.Data;
using Cash.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Audit;

/// <summary>
/// The audit trail as an administrator browses it: newest first, filtered, a page at a time.
/// Pages are cut by sequence number (keyset), so a page stays the same while new entries arrive.
/// </summary>
public sealed class AuditQuery(CashDbContext db)
{
    public const int PageSize = 50;

    /// <summary>Every action name the application records, for a filter's list of choices.</summary>
    public static IReadOnlyList<string> KnownActions { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>
    /// Up to <see cref="PageSize"/> entries matching <paramref name="filter"/>, numbered below
    /// <paramref name="before"/> when given (pass the previous page's <see cref="AuditPage.NextBefore"/>).
    /// </summary>
    public async Task<AuditPage> FindAsync(AuditFilter filter, long? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var entries = db.AuditEntries.AsNoTracking();

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            entries = entries.Where(e => e.Action == filter.Action);
        }

        if (filter.Outcome is { } outcome)
        {
            entries = entries.Where(e => e.Outcome == outcome);
        }

        if (filter.ActorId is { } actorId)
        {
            entries = entries.Where(e => e.ActorId == actorId);
        }

        if (filter.PartnerServiceId is { } partnerServiceId)
        {
            entries = entries.Where(e => e.PartnerServiceId == partnerServiceId);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            entries = entries.Where(e => e.EntityId == filter.EntityId);
        }

        if (filter.EntityIds is { } entityIds)
        {
            entries = entries.Where(e => e.EntityId != null && entityIds.Contains(e.EntityId));
        }

        // Times are stored in UTC (on SQLite as sortable integers that only compare right between UTC values).
        if (filter.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            entries = entries.Where(e => e.At >= fromUtc);
        }

        if (filter.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            entries = entries.Where(e => e.At < toUtc);
        }

        if (before is { } beforeSequence)
        {
            entries = entries.Where(e => e.Sequence < beforeSequence);
        }

        // The numbers first, then the entries read as stored: one edited in the database to a value
        // the trail never writes is listed as unreadable instead of failing the whole page.
        var sequences = await entries
            .OrderByDescending(e => e.Sequence)
            .Take(PageSize + 1)
            .Select(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var stored = (await StoredAuditEntries.NumberedAsync(db, sequences, cancellationToken)).ToDictionary(s => s.Sequence);
        var lines = sequences
            .Where(stored.ContainsKey)
            .Select(sequence => stored[sequence].Entry is { } e
                ? new AuditLine(e.Sequence, e.At, e.ActorId, e.PartnerServiceId, e.Action, e.EntityType, e.EntityId, e.Outcome)
                : AuditLine.Unreadable(sequence))
            .ToList();

        var hasMore = lines.Count > PageSize;
        if (hasMore)
        {
            lines.RemoveAt(PageSize);
        }

        return new AuditPage(lines, hasMore ? lines[^1].Sequence : null);
    }
}

/// <summary>
/// What to show; every criterion left null shows everything. <see cref="From"/> is inclusive, <see cref="To"/> exclusive.
/// <see cref="EntityIds"/> keeps the entries about any of these records (a situation and what it holds).
/// </summary>
public sealed record AuditFilter(
    string? Action = null,
    AuditOutcome? Outcome = null,
    Guid? ActorId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int? PartnerServiceId = null,
    string? EntityType = null,
    string? EntityId = null,
    IReadOnlyCollection<string>? EntityIds = null);

/// <param name="IsReadable">False for an entry with a stored value the trail never writes; then only <see cref="Sequence"/> means anything.</param>
public sealed record AuditLine(
    long Sequence,
    DateTimeOffset At,
    Guid? ActorId,
    int? PartnerServiceId,
    string Action,
    string? EntityType,
    string? EntityId,
    AuditOutcome Outcome,
    bool IsReadable = true)
{
    public static AuditLine Unreadable(long sequence) => new(sequence, default, null, null, "", null, null, default, IsReadable: false);
}

/// <param name="NextBefore">The <c>before</c> that gives the next (older) page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditLine> Lines, long? NextBefore);
