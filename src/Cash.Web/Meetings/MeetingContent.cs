using Cash.Web.Domain.Meetings;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Meetings;

/// <summary>
/// Seals and opens a meeting's encrypted values through their columns' bindings. A value that does
/// not open where it is found comes back as null: the page says it cannot be read, and the event is
/// audited (<c>record.unreadable</c>) and logged by row, never by content.
/// </summary>
public sealed class MeetingContent(FieldCipher cipher, SealedTextReader reader)
{
    public ValueTask<byte[]> SealMinutesAsync(Meeting meeting, string minutes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return cipher.EncryptAsync(minutes, MeetingColumns.Minutes(meeting.Id), cancellationToken);
    }

    public ValueTask<byte[]> SealNotesAsync(AgendaItem item, string notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return cipher.EncryptAsync(notes, MeetingColumns.AgendaNotes(item.Id, item.MeetingId), cancellationToken);
    }

    public ValueTask<byte[]> SealDecisionAsync(MeetingDecision decision, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return cipher.EncryptAsync(text, MeetingColumns.DecisionText(decision.Id, decision.MeetingId, decision.ServiceId), cancellationToken);
    }

    public Task<string?> MinutesAsync(Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return OpenAsync(meeting.Minutes, MeetingColumns.Minutes(meeting.Id), nameof(Meeting), meeting.Id, cancellationToken);
    }

    public Task<string?> NotesAsync(AgendaItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return OpenAsync(item.Notes, MeetingColumns.AgendaNotes(item.Id, item.MeetingId), nameof(Meeting), item.MeetingId, cancellationToken);
    }

    public Task<string?> DecisionAsync(MeetingDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return OpenAsync(decision.Text, MeetingColumns.DecisionText(decision.Id, decision.MeetingId, decision.ServiceId), nameof(Meeting), decision.MeetingId, cancellationToken);
    }

    private async Task<string?> OpenAsync(byte[]? stored, FieldBinding binding, string entityType, Guid entityId, CancellationToken cancellationToken) =>
        (await reader.OpenAsync(stored, binding, entityType, entityId, cancellationToken)).Text;
}
