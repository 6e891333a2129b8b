using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Tasks;

/// <summary>
/// The one way to create a task from code (the task form, a meeting's decisions): encrypts the title
/// under the new task's binding and adds the task to the context. The caller checks who may create it
/// where, and saves (so a task is written with whatever else the caller writes, or not at all).
/// </summary>
public static class TaskWriter
{
    public static async Task<WorkTask> NewAsync(
        CashDbContext db,
        FieldCipher cipher,
        string title,
        int serviceId,
        Guid? assigneeId,
        DateOnly? dueOn,
        Guid? situationId,
        Guid? meetingId,
        Guid createdBy,
        int? createdByServiceId,
        DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var id = Guid.CreateVersion7();
        var sealedTitle = await cipher.EncryptAsync(title.Trim(), TaskColumns.Title(id, serviceId, situationId), cancellationToken);
        var task = new WorkTask(id, sealedTitle, serviceId, assigneeId, dueOn, situationId, meetingId, createdBy, createdByServiceId, at);
        db.WorkTasks.Add(task);
        return task;
    }
}
