using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Situations;

namespace Cash.Web.Domain.Tasks;

/// <summary>
/// A piece of work given to a service (and optionally to one of its members): on a situation, from a
/// meeting's decision, or on its own. Its title and a cancellation's reason may name a person, so
/// both are encrypted, bound to the task and to what it belongs to (<c>Tasks/TaskColumns</c>). The
/// due day is a Brussels calendar day; "within N working days" is turned into one by
/// <see cref="Calendar.WorkingDays"/> when the task is written.
/// </summary>
public sealed class WorkTask : IAuditedRecord
{
    public const int MaxTitleLength = 300;

    public const int MaxReasonLength = 2_000;

    private WorkTask()
    {
    }

    /// <param name="title">The title, already encrypted under the task's binding.</param>
    public WorkTask(
        Guid id, byte[] title, int serviceId, Guid? assigneeId, DateOnly? dueOn,
        Guid? situationId, Guid? meetingId, Guid createdBy, int? createdByServiceId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(title);
        Id = id;
        Title = title;
        ServiceId = serviceId;
        AssigneeId = assigneeId;
        DueOn = dueOn;
        SituationId = situationId;
        MeetingId = meetingId;
        CreatedBy = createdBy;
        CreatedByServiceId = createdByServiceId;
        CreatedAt = at;
        Status = WorkTaskStatus.ToDo;
    }

    public Guid Id { get; private set; }

    /// <summary>The title, encrypted; null once erased with its situation.</summary>
    public byte[]? Title { get; set; }

    /// <summary>The service the task is given to.</summary>
    public int ServiceId { get; private set; }

    /// <summary>The member of <see cref="ServiceId"/> it is given to, if one was named.</summary>
    public Guid? AssigneeId { get; private set; }

    /// <summary>The Brussels day it is due by (the whole day counts), if it has one.</summary>
    public DateOnly? DueOn { get; private set; }

    public WorkTaskStatus Status { get; private set; }

    /// <summary>The situation it is part of: only those who may see that situation read its title.</summary>
    public Guid? SituationId { get; private set; }

    /// <summary>The situation itself, for the access rule to read who is involved in it.</summary>
    public Situation? Situation { get; private set; }

    /// <summary>The meeting whose decision it came from.</summary>
    public Guid? MeetingId { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>The creator's service (a coordinator or administrator may have none).</summary>
    public int? CreatedByServiceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was marked done or cancelled, and by whom.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public Guid? ClosedBy { get; private set; }

    /// <summary>Why it was cancelled, encrypted.</summary>
    public byte[]? CancelReason { get; set; }

    /// <summary>Checked on every write: two people closing the same task at once cannot both win.</summary>
    public int Version { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public bool IsOpen => Status == WorkTaskStatus.ToDo;

    /// <summary>Still to do and its due day is over (in Brussels, <paramref name="today"/>).</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;

    /// <summary>
    /// "Within <paramref name="workingDays"/> working days" from the Brussels day <paramref name="today"/>:
    /// the <paramref name="workingDays"/>th working day after it (0: today itself).
    /// </summary>
    public static DateOnly DueAfterWorkingDays(DateOnly today, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = today;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (WorkingDays.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    public void MarkDone(Guid by, DateTimeOffset at)
    {
        EnsureOpen();
        Status = WorkTaskStatus.Done;
        ClosedAt = at;
        ClosedBy = by;
        Version++;
    }

    /// <param name="reason">The reason, already encrypted under <c>TaskColumns.CancelReason</c>.</param>
    public void Cancel(byte[] reason, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        EnsureOpen();
        Status = WorkTaskStatus.Cancelled;
        CancelReason = reason;
        ClosedAt = at;
        ClosedBy = by;
        Version++;
    }

    /// <summary>Gives it to another member of its service, or to the service as a whole, and moves its due day.</summary>
    public void Plan(Guid? assigneeId, DateOnly? dueOn)
    {
        EnsureOpen();
        AssigneeId = assigneeId;
        DueOn = dueOn;
        Version++;
    }

    /// <summary>Forgets the title and reason when the situation it belongs to is erased.</summary>
    public void Erase()
    {
        Title = null;
        CancelReason = null;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The task is no longer to do.");
        }
    }
}

public enum WorkTaskStatus
{
    ToDo = 0,
    Done = 1,
    Cancelled = 2,
}
