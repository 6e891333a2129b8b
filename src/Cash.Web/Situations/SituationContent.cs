using System.Text.Json;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Situations;

/// <summary>
/// Seals and opens a situation's encrypted values: its summary, a person's pseudonym and identity, a
/// journal entry's text, a referral's request, justification and reason for declining, a document's
/// name and bytes, each through its column's binding (<see cref="SituationColumns"/>).
/// A value that does not open where it is found (altered, or moved from another row or situation)
/// is never shown and never stops a page: it comes back as <see langword="null"/>, the page says it
/// cannot be read, and the event goes to the audit trail (and the log, by row, never by content).
/// </summary>
public sealed class SituationContent(FieldCipher cipher, SealedTextReader reader)
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

    public ValueTask<byte[]> SealRequestAsync(Referral referral, string request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return cipher.EncryptAsync(request, SituationColumns.ReferralRequest(referral.Id, referral.SituationId, referral.ToServiceId), cancellationToken);
    }

    public ValueTask<byte[]> SealJustificationAsync(Referral referral, string justification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return cipher.EncryptAsync(justification, SituationColumns.ReferralJustification(referral.Id, referral.SituationId, referral.ToServiceId), cancellationToken);
    }

    public ValueTask<byte[]> SealDeclineReasonAsync(Referral referral, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return cipher.EncryptAsync(reason, SituationColumns.ReferralDeclineReason(referral.Id, referral.SituationId, referral.ToServiceId), cancellationToken);
    }

    /// <summary>Seals a document's name and bytes into it.</summary>
    public async Task SealDocumentAsync(SituationDocument document, string name, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Name = await cipher.EncryptAsync(name, SituationColumns.DocumentName(document.Id, document.SituationId), cancellationToken);
        document.Content = await cipher.EncryptBytesAsync(content, SituationColumns.DocumentContent(document.Id, document.SituationId), cancellationToken);
    }

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

    /// <summary>The pseudonym (or initials) of a person read without the person's row (a referral's consent names it).</summary>
    public Task<string?> PseudonymAsync(Guid personId, Guid situationId, byte[]? pseudonym, CancellationToken cancellationToken) =>
        OpenAsync(pseudonym, SituationColumns.Pseudonym(personId, situationId), nameof(InvolvedPerson), personId, cancellationToken);

    public Task<string?> RequestAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.Request, SituationColumns.ReferralRequest(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    public Task<string?> JustificationAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.Justification, SituationColumns.ReferralJustification(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    public Task<string?> DeclineReasonAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return OpenAsync(referral.DeclineReason, SituationColumns.ReferralDeclineReason(referral.Id, referral.SituationId, referral.ToServiceId), nameof(Referral), referral.Id, cancellationToken);
    }

    /// <summary>A document's name as it was handed over, or null when it was erased or cannot be read.</summary>
    public Task<string?> DocumentNameAsync(Guid documentId, Guid situationId, byte[]? name, CancellationToken cancellationToken) =>
        OpenAsync(name, SituationColumns.DocumentName(documentId, situationId), nameof(SituationDocument), documentId, cancellationToken);

    /// <summary>A document's bytes, or null when it was erased or cannot be read.</summary>
    public async Task<byte[]?> DocumentContentAsync(SituationDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Content is null)
        {
            return null;
        }

        var binding = SituationColumns.DocumentContent(document.Id, document.SituationId);
        try
        {
            return await cipher.DecryptBytesAsync(document.Content, binding, cancellationToken);
        }
        catch (FieldDecryptionException)
        {
            await reader.UnreadableAsync(binding, nameof(SituationDocument), document.Id, cancellationToken);
            return null;
        }
    }

    private async Task<string?> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken) =>
        (await reader.OpenAsync(stored, binding, entityType, entityId, cancellationToken)).Text;
}
