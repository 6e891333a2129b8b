using Cash.Web.Domain.Tasks;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Tasks;

/// <summary>
/// Seals and opens a task's title and cancellation reason through their columns' bindings
/// (<see cref="TaskColumns"/>). A value that does not open where it is found comes back as
/// <see langword="null"/>: the page says it cannot be read, and the event is audited as
/// <c>record.unreadable</c> (and logged by row, never by content).
/// </summary>
public sealed class TaskContent(FieldCipher cipher, SealedTextReader reader)
{
    public ValueTask<byte[]> SealCancelReasonAsync(WorkTask task, string reason, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(reason, TaskColumns.CancelReason(task), cancellationToken);

    /// <summary>The title, or null when erased (<see cref="WorkTask.Title"/> is null) or unreadable.</summary>
    public Task<string?> TitleAsync(WorkTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return OpenAsync(task.Title, TaskColumns.Title(task), task.Id, cancellationToken);
    }

    /// <summary>A title read without loading the whole task (a list's projection).</summary>
    public Task<string?> TitleAsync(Guid taskId, int serviceId, Guid? situationId, byte[]? title, CancellationToken cancellationToken) =>
        OpenAsync(title, TaskColumns.Title(taskId, serviceId, situationId), taskId, cancellationToken);

    public Task<string?> CancelReasonAsync(WorkTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        return OpenAsync(task.CancelReason, TaskColumns.CancelReason(task), task.Id, cancellationToken);
    }

    private async Task<string?> OpenAsync(byte[]? stored, FieldBinding binding, Guid taskId, CancellationToken cancellationToken) =>
        (await reader.OpenAsync(stored, binding, nameof(WorkTask), taskId, cancellationToken)).Text;
}
