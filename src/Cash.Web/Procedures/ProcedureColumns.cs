using Cash.Web.Domain.Procedures;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Procedures;

/// <summary>
/// The checklists' encrypted columns (see HelpColumns for the recipe): a step's note or reason is
/// bound to its row and to the checklist and situation it belongs to, so a value copied to another
/// step, or a step moved to another checklist or situation in the database, no longer decrypts.
/// </summary>
public static class ProcedureColumns
{
    public static readonly EncryptedColumn<ChecklistStep, Guid, StepOwner, byte[]> NoteColumn = Text("Note", s => s.Note);

    public static readonly EncryptedColumn<ChecklistStep, Guid, StepOwner, byte[]> ReasonColumn = Text("Reason", s => s.Reason);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [NoteColumn, ReasonColumn];

    public static FieldBinding Note(ChecklistStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return NoteColumn.Binding(step.Id, new StepOwner(step.ChecklistId, step.SituationId));
    }

    public static FieldBinding Reason(ChecklistStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return ReasonColumn.Binding(step.Id, new StepOwner(step.ChecklistId, step.SituationId));
    }

    private static EncryptedColumn<ChecklistStep, Guid, StepOwner, byte[]> Text(string column, System.Linq.Expressions.Expression<Func<ChecklistStep, byte[]?>> value) =>
        EncryptedColumn.Bytes<ChecklistStep, Guid, StepOwner>(
            "ChecklistSteps",
            column,
            key: s => s.Id,
            belongsTo: s => new StepOwner(s.ChecklistId, s.SituationId),
            owner: o => $"Situations/{o.SituationId:D}/Checklists/{o.ChecklistId:D}",
            value: value);

    /// <summary>What a step's texts are bound to besides the row: its checklist and that checklist's situation.</summary>
    public sealed record StepOwner(Guid ChecklistId, Guid SituationId);
}
