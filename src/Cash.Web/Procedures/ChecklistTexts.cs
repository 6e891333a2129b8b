using Cash.Web.Domain.Procedures;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Procedures;

/// <summary>
/// Seals and opens a checklist step's note and reason through their columns' bindings. A value that
/// does not open where it is found (altered, or moved from another step, checklist or situation) is
/// never shown: it comes back as <see langword="null"/>, the page says it cannot be read, and the event
/// goes to the audit trail (<c>record.unreadable</c>) and the log, by row, never by content.
/// </summary>
public sealed class ChecklistTexts(FieldCipher cipher, SealedTextReader reader)
{
    public ValueTask<byte[]> SealNoteAsync(ChecklistStep step, string note, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(note, ProcedureColumns.Note(step), cancellationToken);

    public ValueTask<byte[]> SealReasonAsync(ChecklistStep step, string reason, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(reason, ProcedureColumns.Reason(step), cancellationToken);

    /// <summary>The note or the reason the step was recorded with; null when none, or when it cannot be read (<paramref name="unreadable"/> then says so).</summary>
    public async Task<(string? Text, bool Unreadable)> OpenAsync(ChecklistStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (stored, binding) = step.Status == ChecklistStepStatus.NotApplicable
            ? (step.Reason, ProcedureColumns.Reason(step))
            : (step.Note, ProcedureColumns.Note(step));
        var opened = await reader.OpenAsync(stored, binding, nameof(Checklist), step.ChecklistId, cancellationToken);
        return (opened.Text, opened.Unreadable);
    }
}
