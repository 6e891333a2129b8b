namespace Cash.Web.Domain.Procedures;

/// <summary>
/// One step of a procedure's version: what to do and how (per language), who acts, what to write
/// down, and a suggested deadline in working days from the checklist's start or from another step's
/// completion. <see cref="Key"/> stays the same from a version to the next, so a deadline counted from
/// a step keeps pointing to it when the steps are copied into a new draft.
/// </summary>
public sealed class ProcedureStep
{
    public const int MaxTitleLength = 200;

    public const int MaxGuidanceLength = 4_000;

    public const int MaxRecordLength = 1_000;

    public const int MaxDeadlineDays = 120;

    private ProcedureStep()
    {
    }

    internal ProcedureStep(Guid id, Guid versionId, Guid key, int position, StepContent content)
    {
        Id = id;
        VersionId = versionId;
        Key = key;
        Position = position;
        Edit(content);
    }

    public Guid Id { get; private set; }

    public Guid VersionId { get; private set; }

    public Guid Key { get; private set; }

    /// <summary>1, 2, … in the order the steps are shown.</summary>
    public int Position { get; private set; }

    public string TitleFr { get; private set; } = "";

    public string TitleNl { get; private set; } = "";

    public string TitleEn { get; private set; } = "";

    public string GuidanceFr { get; private set; } = "";

    public string GuidanceNl { get; private set; } = "";

    public string GuidanceEn { get; private set; } = "";

    public StepActor Actor { get; private set; }

    public string RecordFr { get; private set; } = "";

    public string RecordNl { get; private set; } = "";

    public string RecordEn { get; private set; } = "";

    /// <summary>The suggested deadline, in working days; none when null.</summary>
    public int? DeadlineDays { get; private set; }

    public DeadlineStart DeadlineFrom { get; private set; }

    /// <summary>The step (by <see cref="Key"/>) whose completion the deadline is counted from.</summary>
    public Guid? AfterStepKey { get; private set; }

    public LocalizedTexts Title => new(TitleFr, TitleNl, TitleEn);

    public LocalizedTexts Guidance => new(GuidanceFr, GuidanceNl, GuidanceEn);

    public LocalizedTexts Record => new(RecordFr, RecordNl, RecordEn);

    public StepContent Content => new(Title, Guidance, Actor, Record, DeadlineDays, DeadlineFrom, AfterStepKey);

    internal ProcedureStep CopyTo(Guid versionId) => new(Guid.CreateVersion7(), versionId, Key, Position, Content);

    internal void Edit(StepContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.DeadlineDays is < 0 or > MaxDeadlineDays)
        {
            throw new ArgumentOutOfRangeException(nameof(content), "A deadline is between 0 and 120 working days.");
        }

        (TitleFr, TitleNl, TitleEn) = (content.Title.Fr, content.Title.Nl, content.Title.En);
        (GuidanceFr, GuidanceNl, GuidanceEn) = (content.Guidance.Fr, content.Guidance.Nl, content.Guidance.En);
        Actor = content.Actor;
        (RecordFr, RecordNl, RecordEn) = (content.Record.Fr, content.Record.Nl, content.Record.En);
        DeadlineDays = content.DeadlineDays;
        DeadlineFrom = content.DeadlineDays is null ? DeadlineStart.ChecklistStart : content.DeadlineFrom;
        AfterStepKey = DeadlineFrom == DeadlineStart.StepDone ? content.AfterStepKey : null;
    }

    internal void MoveTo(int position) => Position = position;

    internal void CountFromStart()
    {
        DeadlineFrom = DeadlineStart.ChecklistStart;
        AfterStepKey = null;
    }
}

/// <summary>What a coordinator writes for a step.</summary>
public sealed record StepContent(
    LocalizedTexts Title,
    LocalizedTexts Guidance,
    StepActor Actor,
    LocalizedTexts Record,
    int? DeadlineDays,
    DeadlineStart DeadlineFrom = DeadlineStart.ChecklistStart,
    Guid? AfterStepKey = null);
