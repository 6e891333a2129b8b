using Cash.Web.Data;
using Cash.Web.Domain.Audit;

namespace Cash.Web.Audit;

/// <summary>
/// Walks the whole audit trail in order and checks that it is exactly what was sealed: numbered
/// 1, 2, 3… without a gap, every value one the trail writes, and every entry's hash recomputes from
/// its fields and the previous hash.
/// </summary>
/// <remarks>
/// Known limit: removing the newest entries (truncating the tail) leaves a shorter chain that is
/// still perfectly valid, so the chain alone cannot show it. Catching that needs the last sequence
/// and hash kept somewhere the database's writer cannot reach (a printed report, a log shipped
/// elsewhere) and compared with what the verification reports.
/// </remarks>
public sealed class AuditVerifier(CashDbContext db, AuditSeal seal)
{
    /// <summary>Entries read per query: the trail is streamed, never loaded whole.</summary>
    public const int BatchSize = 1000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expected = 1L;
        var previousHash = AuditSeal.Genesis.ToArray();
        var lastSeen = long.MinValue;

        while (true)
        {
            var batch = await StoredAuditEntries.AfterAsync(db, lastSeen, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return AuditVerification.Intact(expected - 1);
            }

            foreach (var stored in batch)
            {
                if (stored.Sequence < expected)
                {
                    // Numbered before the first entry (0, negative): it was never appended by the trail.
                    return AuditVerification.Broken(expected - 1, stored.Sequence, AuditProblem.Inserted);
                }

                if (stored.Sequence > expected)
                {
                    return AuditVerification.Broken(expected - 1, expected, AuditProblem.Missing);
                }

                if (stored.Entry is not { } entry)
                {
                    return AuditVerification.Broken(expected - 1, stored.Sequence, AuditProblem.Unreadable);
                }

                if (!seal.Seals(entry, entry.Sequence, previousHash))
                {
                    return AuditVerification.Broken(expected - 1, entry.Sequence, await DiagnoseAsync(entry, previousHash, cancellationToken));
                }

                previousHash = entry.Hash;
                expected++;
            }

            lastSeen = batch[^1].Sequence;
        }
    }

    /// <summary>
    /// Tells apart, from the entry after the broken one, what most likely happened. Any answer
    /// means the trail is not intact; the name only helps the person who investigates.
    /// </summary>
    private async Task<AuditProblem> DiagnoseAsync(AuditEntry broken, byte[] previousHash, CancellationToken cancellationToken)
    {
        var following = await StoredAuditEntries.AfterAsync(db, broken.Sequence, 1, cancellationToken);
        if (following.FirstOrDefault()?.Entry is not { } next)
        {
            // The newest entry, or the next one cannot be read either: a changed entry and a forged one cannot be told apart.
            return AuditProblem.Altered;
        }

        if (next.Sequence == broken.Sequence + 1 && seal.Seals(next, next.Sequence, broken.Hash))
        {
            // The chain still runs through the broken entry's hash, which is therefore genuine: its fields were changed.
            return AuditProblem.Altered;
        }

        if (seal.Seals(next, broken.Sequence, previousHash))
        {
            // The entry that belongs at this place comes one later: an extra entry was slipped in, or two were swapped.
            return AuditProblem.Inserted;
        }

        if (seal.Seals(next, next.Sequence + 1, broken.Hash))
        {
            // The broken entry is genuine but sits one place too early: an entry before it was deleted and the rest renumbered.
            return AuditProblem.Missing;
        }

        return AuditProblem.Altered;
    }
}

/// <summary>The outcome of <see cref="AuditVerifier.VerifyAsync"/>.</summary>
/// <param name="EntriesChecked">How many entries, from the first, were found intact (all of them when the trail is intact).</param>
/// <param name="FirstBrokenSequence">Where the chain breaks: the number of the first entry that is altered, missing or out of place.</param>
public sealed record AuditVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, AuditProblem? Problem)
{
    public static AuditVerification Intact(long entriesChecked) => new(true, entriesChecked, null, null);

    public static AuditVerification Broken(long entriesChecked, long firstBrokenSequence, AuditProblem problem) =>
        new(false, entriesChecked, firstBrokenSequence, problem);
}

public enum AuditProblem
{
    /// <summary>The entry does not match its seal: a field was changed (or, for the newest entry, it may be forged).</summary>
    Altered = 1,

    /// <summary>An entry is gone: a gap in the numbering, or a deletion hidden by renumbering the entries after it.</summary>
    Missing = 2,

    /// <summary>An entry stands where another belongs: one was inserted (with or without renumbering) or entries were moved out of order.</summary>
    Inserted = 3,

    /// <summary>A stored value is not one the trail ever writes (an unknown outcome, a time that is no time): it was edited in the database.</summary>
    Unreadable = 4,
}
