using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Situations;

namespace Cash.Web.Domain.Procedures;

/// <summary>
/// A procedure followed on a situation: started by a member of a service involved in it, from the
/// latest published version of a template, whose steps it keeps whatever is published later. Each
/// step is recorded as done on a day with a note, or as not applicable with a reason; both texts may
/// name a person and are encrypted, bound to the checklist and its situation
/// (<c>Procedures/ProcedureColumns</c>). A step's record is part of the checklist: recording it counts
/// up <see cref="Version"/>, which the database checks, and is audited as the checklist's update.
/// </summary>
public sealed class Checklist : IAuditedRecord
{
    public const int MaxTextLength = 4_000;

    private Checklist()
    {
    }

    public Checklist(Guid id, Guid situationId, ProcedureVersion version, Guid startedBy, int startedByServiceId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.IsDraft)
        {
            throw new InvalidOperationException("A checklist starts from a published version.");
        }

        Id = id;
        SituationId = situationId;
        TemplateId = version.TemplateId;
        VersionId = version.Id;
        StartedBy = startedBy;
        StartedByServiceId = startedByServiceId;
        StartedAt = at;
        StartedOn = Brussels.DayOf(at);
        foreach (var step in version.OrderedSteps)
        {
            Steps.Add(new ChecklistStep(Guid.CreateVersion7(), id, situationId, step.Id, step.Key));
        }
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public Guid TemplateId { get; private set; }

    /// <summary>The published version it follows, for good.</summary>
    public Guid VersionId { get; private set; }

    public Guid StartedBy { get; private set; }

    public int StartedByServiceId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The Brussels day it was started: deadlines counted "from the start" count from it.</summary>
    public DateOnly StartedOn { get; private set; }

    public List<ChecklistStep> Steps { get; private set; } = [];

    public Situation? Situation { get; private set; }

    /// <summary>Checked on every write: two people recording the same step at once cannot both win.</summary>
    public int Version { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    /// <param name="note">The note, already encrypted under the step's binding.</param>
    public void MarkDone(Guid stepId, DateOnly on, byte[] note, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (on > Brussels.DayOf(at))
        {
            throw new ArgumentOutOfRangeException(nameof(on), "A step is not done in the future.");
        }

        OpenStep(stepId).Record(ChecklistStepStatus.Done, on, note, by, at);
        Version++;
    }

    /// <param name="reason">The reason, already encrypted under the step's binding.</param>
    public void MarkNotApplicable(Guid stepId, byte[] reason, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        OpenStep(stepId).Record(ChecklistStepStatus.NotApplicable, null, reason, by, at);
        Version++;
    }

    /// <summary>Forgets every note and reason when the situation is erased; the steps' states and days remain.</summary>
    public void Erase()
    {
        foreach (var step in Steps)
        {
            step.Note = null;
            step.Reason = null;
        }

        Version++;
    }

    private ChecklistStep OpenStep(Guid stepId)
    {
        var step = Steps.SingleOrDefault(s => s.Id == stepId) ?? throw new InvalidOperationException("No such step in this checklist.");
        if (step.Status != ChecklistStepStatus.Open)
        {
            throw new InvalidOperationException("This step was recorded already.");
        }

        return step;
    }
}

/// <summary>A step of a checklist, as recorded.</summary>
public sealed class ChecklistStep
{
    private ChecklistStep()
    {
    }

    internal ChecklistStep(Guid id, Guid checklistId, Guid situationId, Guid procedureStepId, Guid stepKey)
    {
        Id = id;
        ChecklistId = checklistId;
        SituationId = situationId;
        ProcedureStepId = procedureStepId;
        StepKey = stepKey;
    }

    public Guid Id { get; private set; }

    public Guid ChecklistId { get; private set; }

    /// <summary>The checklist's situation, kept beside the texts they are bound to.</summary>
    public Guid SituationId { get; private set; }

    /// <summary>The step of the version the checklist follows.</summary>
    public Guid ProcedureStepId { get; private set; }

    public Guid StepKey { get; private set; }

    public ChecklistStepStatus Status { get; private set; }

    /// <summary>The Brussels day it was done.</summary>
    public DateOnly? DoneOn { get; private set; }

    /// <summary>The note (done), encrypted; null when none or erased.</summary>
    public byte[]? Note { get; set; }

    /// <summary>Why it does not apply, encrypted.</summary>
    public byte[]? Reason { get; set; }

    public Guid? RecordedBy { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    internal void Record(ChecklistStepStatus status, DateOnly? on, byte[] text, Guid by, DateTimeOffset at)
    {
        Status = status;
        DoneOn = on;
        if (status == ChecklistStepStatus.Done)
        {
            Note = text;
        }
        else
        {
            Reason = text;
        }

        RecordedBy = by;
        RecordedAt = at;
    }
}

public enum ChecklistStepStatus
{
    Open = 0,
    Done = 1,
    NotApplicable = 2,
}
