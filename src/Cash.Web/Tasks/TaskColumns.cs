using Cash.Web.Domain.Tasks;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Tasks;

/// <summary>
/// The tasks' encrypted columns (see HelpColumns for the recipe): a title or a reason is bound to its
/// task and to what the task belongs to (its service and its situation), so a value copied to another
/// task, or a task moved to another service or situation in the database, no longer decrypts.
/// </summary>
public static class TaskColumns
{
    public static readonly EncryptedColumn<WorkTask, Guid, TaskOwner, byte[]> TitleColumn = Text("Title", t => t.Title);

    public static readonly EncryptedColumn<WorkTask, Guid, TaskOwner, byte[]> CancelReasonColumn = Text("CancelReason", t => t.CancelReason);

    public static IReadOnlyList<IEncryptedColumn> All { get; } = [TitleColumn, CancelReasonColumn];

    public static FieldBinding Title(Guid taskId, int serviceId, Guid? situationId) =>
        TitleColumn.Binding(taskId, new TaskOwner(serviceId, situationId));

    public static FieldBinding Title(WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Title(task.Id, task.ServiceId, task.SituationId);
    }

    public static FieldBinding CancelReason(WorkTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return CancelReasonColumn.Binding(task.Id, new TaskOwner(task.ServiceId, task.SituationId));
    }

    private static EncryptedColumn<WorkTask, Guid, TaskOwner, byte[]> Text(string column, System.Linq.Expressions.Expression<Func<WorkTask, byte[]?>> value) =>
        EncryptedColumn.Bytes<WorkTask, Guid, TaskOwner>(
            "WorkTasks",
            column,
            key: t => t.Id,
            belongsTo: t => new TaskOwner(t.ServiceId, t.SituationId),
            owner: o => o.SituationId is { } situation ? $"Services/{o.ServiceId}/Situations/{situation:D}" : $"Services/{o.ServiceId}",
            value: value);

    /// <summary>What a task's texts are bound to besides the task itself: its service and its situation.</summary>
    public sealed record TaskOwner(int ServiceId, Guid? SituationId);
}
