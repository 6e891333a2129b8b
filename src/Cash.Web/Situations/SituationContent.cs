using System.Text.Json;
using Cash.Web.Audit;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Situations;

/// <summary>
/// Seals and opens what a situation says about people: its summary, a person's pseudonym and
/// identity, a journal entry's text, each through its column's binding (<see cref="SituationColumns"/>).
/// A value that does not open where it is found (altered, or moved from another row or situation)
/// is never shown and never stops a page: it comes back as <see langword="null"/>, the page says it
/// cannot be read, and the event goes to the audit trail (and the log, by row, never by content).
/// </summary>
public sealed partial class SituationContent(FieldCipher cipher, AuditTrail audit, ILogger<SituationContent> logger)
{
    private static readonly JsonSerializerOptions IdentityJson = new(JsonSerializerDefaults.Web);

    public ValueTask<byte[]> SealSummaryAsync(Situation situation, string summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return cipher.EncryptAsync(summary, SituationColumns.Summary(situation.Id), cancellationToken);
    }

    public ValueTask<byte[]> SealPseudonymAsync(InvolvedPerson person, string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return cipher.EncryptAsync(pseudonym, SituationColumns.Pseudonym(person.Id, person.SituationId), cancellationToken);
    }

    /// <summary>The identity as one encrypted JSON value; none when every part of it is empty.</summary>
    public async ValueTask<byte[]?> SealIdentityAsync(InvolvedPerson person, PersonIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(identity);
        return identity.IsEmpty
            ? null
            : await cipher.EncryptAsync(JsonSerializer.Serialize(identity, IdentityJson), SituationColumns.Identity(person.Id, person.SituationId), cancellationToken);
    }

    public ValueTask<byte[]> SealEntryTextAsync(JournalEntry entry, string text, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(text, SituationColumns.EntryText(entry), cancellationToken);

    /// <summary>The summary, or null when there is none (erased) or it cannot be read.</summary>
    public Task<string?> SummaryAsync(Situation situation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(situation);
        return OpenAsync(situation.Summary, SituationColumns.Summary(situation.Id), nameof(Situation), situation.Id, cancellationToken);
    }

    public Task<string?> PseudonymAsync(InvolvedPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return OpenAsync(person.Pseudonym, SituationColumns.Pseudonym(person.Id, person.SituationId), nameof(InvolvedPerson), person.Id, cancellationToken);
    }

    /// <summary>The identity; null when none was given, or when it cannot be read (<see cref="InvolvedPerson.Identity"/> then is not null).</summary>
    public async Task<PersonIdentity?> IdentityAsync(InvolvedPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        var json = await OpenAsync(person.Identity, SituationColumns.Identity(person.Id, person.SituationId), nameof(InvolvedPerson), person.Id, cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<PersonIdentity>(json, IdentityJson);
    }

    public Task<string?> EntryTextAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return OpenAsync(entry.Text, SituationColumns.EntryText(entry), nameof(JournalEntry), entry.Id, cancellationToken);
    }

    private async Task<string?> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return await cipher.DecryptAsync(stored, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            LogUnreadable(logger, binding.Table, binding.Column, binding.RowId);
            await audit.RecordAsync(AuditActions.Unreadable, AuditOutcome.Failure, entityType, entityId.ToString(), cancellationToken: cancellationToken);
            return null;
        }
    }

    [LoggerMessage(EventId = 4861, Level = LogLevel.Warning, Message = "{Table}.{Column} of row {RowId} cannot be decrypted: altered, or moved from another row or record; shown as unreadable")]
    private static partial void LogUnreadable(ILogger logger, string table, string column, string rowId);
}
