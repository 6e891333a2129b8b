using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// Reads back what was written, through EF Core and the app's cipher, as the pages will: counts
/// per table, and every sealed value of a few situations opened under its binding. A value written
/// in another format than the app's (a Guid, an enum, a date) or sealed under another binding
/// fails here rather than as an error page in the middle of the benchmark.
/// </summary>
public static class SeedCheck
{
    public sealed record Counts(int Situations, int Services, int People, int Entries, int Referrals, int PendingReferrals, int Consents);

    public static async Task<Counts> CountAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new Counts(
            await db.Situations.CountAsync(cancellationToken),
            await db.InvolvedServices.CountAsync(cancellationToken),
            await db.InvolvedPeople.CountAsync(cancellationToken),
            await db.JournalEntries.CountAsync(cancellationToken),
            await db.Referrals.CountAsync(cancellationToken),
            await db.Referrals.CountAsync(r => r.Status == ReferralStatus.Pending, cancellationToken),
            await db.Consents.CountAsync(cancellationToken));
    }

    /// <summary>Opens every sealed value of <paramref name="sample"/> situations that still hold content; returns how many values it opened.</summary>
    /// <exception cref="FieldDecryptionException">A value does not open under its binding.</exception>
    public static async Task<int> OpenSampleAsync(CashDbContext db, FieldCipher cipher, int sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        var situations = await db.Situations.AsNoTracking()
            .Where(s => s.ErasedAt == null)
            .OrderByDescending(s => s.LastActivityAt).ThenByDescending(s => s.Id)
            .Take(sample)
            .ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var situation in situations)
        {
            await cipher.DecryptAsync(situation.Summary!, SituationColumns.Summary(situation.Id), cancellationToken);
            opened++;
            var people = await db.InvolvedPeople.AsNoTracking().Where(p => p.SituationId == situation.Id).ToListAsync(cancellationToken);
            var entries = await db.JournalEntries.AsNoTracking().Where(e => e.SituationId == situation.Id).ToListAsync(cancellationToken);
            var referrals = await db.Referrals.AsNoTracking().Where(r => r.SituationId == situation.Id).ToListAsync(cancellationToken);
            var consents = await db.Consents.AsNoTracking().CountAsync(c => c.SituationId == situation.Id, cancellationToken);
            var services = await db.InvolvedServices.AsNoTracking().CountAsync(i => i.SituationId == situation.Id, cancellationToken);

            // Found through the keys as EF Core writes them: a key stored in another format finds nothing.
            if (people.Count != SituationFactory.PeoplePerSituation || entries.Count != SituationFactory.EntriesPerSituation
                || consents != referrals.Count || services < 1 || entries.Count != situation.EntryCount)
            {
                throw new InvalidOperationException(
                    $"Situation {situation.Reference}: {people.Count} people, {entries.Count} entries ({situation.EntryCount} counted), {referrals.Count} referrals, {consents} consents, {services} services read back.");
            }

            foreach (var person in people)
            {
                await cipher.DecryptAsync(person.Pseudonym!, SituationColumns.Pseudonym(person.Id, situation.Id), cancellationToken);
                opened++;
                if (person.Identity is not null)
                {
                    await cipher.DecryptAsync(person.Identity, SituationColumns.Identity(person.Id, situation.Id), cancellationToken);
                    opened++;
                }
            }

            foreach (var entry in entries)
            {
                await cipher.DecryptAsync(entry.Text!, SituationColumns.EntryText(entry), cancellationToken);
                opened++;
            }

            foreach (var referral in referrals)
            {
                await cipher.DecryptAsync(referral.Request!, SituationColumns.ReferralRequest(referral.Id, situation.Id, referral.ToServiceId), cancellationToken);
                opened++;
            }
        }

        return opened;
    }
}
