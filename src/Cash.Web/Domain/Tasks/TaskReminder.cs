namespace Cash.Web.Domain.Tasks;

/// <summary>
/// That a person was sent their task reminder on a Brussels day: one row per person and day, so
/// the reminder goes out once whatever the number of instances or restarts. It holds no content.
/// </summary>
public sealed class TaskReminder
{
    private TaskReminder()
    {
    }

    public TaskReminder(Guid professionalId, DateOnly day, DateTimeOffset at)
    {
        ProfessionalId = professionalId;
        Day = day;
        SentAt = at;
    }

    public Guid ProfessionalId { get; private set; }

    /// <summary>The Brussels day the reminder is for.</summary>
    public DateOnly Day { get; private set; }

    public DateTimeOffset SentAt { get; private set; }
}
