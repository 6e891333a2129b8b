using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Procedures;

/// <summary>
/// The steps of a procedure at one time. A template has at most one draft (not yet published, edited
/// freely by a coordinator) and any number of published versions, numbered 1, 2, … in the order they
/// were published; a published version never changes: every state rule below refuses it.
/// </summary>
public sealed class ProcedureVersion : IAuditedRecord, IPublicContent
{
    public const int MaxSteps = 40;

    private ProcedureVersion()
    {
    }

    public ProcedureVersion(Guid id, Guid templateId, Guid? createdBy, DateTimeOffset at)
    {
        Id = id;
        TemplateId = templateId;
        CreatedBy = createdBy;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid TemplateId { get; private set; }

    /// <summary>1, 2, … once published; null for the draft.</summary>
    public int? Number { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public Guid? PublishedBy { get; private set; }

    /// <summary>Who started the draft; none for the network's first proposal, seeded at installation.</summary>
    public Guid? CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public List<ProcedureStep> Steps { get; private set; } = [];

    /// <summary>Checked on every write: two coordinators editing one draft cannot overwrite each other.</summary>
    public int Revision { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>The published procedures are printed as public resources (<c>/ressources</c>).</summary>
    string IPublicContent.PublicContentKind => PublicContentKinds.Procedures;

    public bool IsDraft => PublishedAt is null;

    public IReadOnlyList<ProcedureStep> OrderedSteps => [.. Steps.OrderBy(s => s.Position)];

    /// <summary>A draft starting from <paramref name="source"/>'s steps (the same step keys, so deadlines counted from a step still point to it).</summary>
    public static ProcedureVersion DraftFrom(ProcedureVersion? source, Guid id, Guid templateId, Guid? by, DateTimeOffset at)
    {
        var draft = new ProcedureVersion(id, templateId, by, at);
        if (source is not null)
        {
            foreach (var step in source.OrderedSteps)
            {
                draft.Steps.Add(step.CopyTo(draft.Id));
            }
        }

        return draft;
    }

    public ProcedureStep AddStep(StepContent content)
    {
        EnsureDraft();
        if (Steps.Count >= MaxSteps)
        {
            throw new InvalidOperationException("A procedure has too many steps.");
        }

        CheckReference(content, null);
        var step = new ProcedureStep(Guid.CreateVersion7(), Id, Guid.NewGuid(), Steps.Count == 0 ? 1 : Steps.Max(s => s.Position) + 1, content);
        Steps.Add(step);
        Revision++;
        return step;
    }

    public void EditStep(Guid stepKey, StepContent content)
    {
        EnsureDraft();
        CheckReference(content, stepKey);
        StepOf(stepKey).Edit(content);
        Revision++;
    }

    /// <summary>Removes a step; a step whose deadline was counted from it is counted from the start instead.</summary>
    public void RemoveStep(Guid stepKey)
    {
        EnsureDraft();
        var step = StepOf(stepKey);
        Steps.Remove(step);
        foreach (var other in Steps.Where(s => s.AfterStepKey == stepKey))
        {
            other.CountFromStart();
        }

        Renumber(OrderedSteps);
        Revision++;
    }

    /// <summary>Moves a step one place up (<paramref name="by"/> = -1) or down (+1).</summary>
    public void MoveStep(Guid stepKey, int by)
    {
        EnsureDraft();
        var ordered = OrderedSteps.ToList();
        var index = ordered.IndexOf(StepOf(stepKey));
        var target = index + by;
        if (by is not (-1 or 1) || target < 0 || target >= ordered.Count)
        {
            return;
        }

        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        Renumber(ordered);
        Revision++;
    }

    /// <summary>Publishes the draft as version <paramref name="number"/>: from now on it never changes.</summary>
    public void Publish(int number, Guid? by, DateTimeOffset at)
    {
        EnsureDraft();
        if (Steps.Count == 0)
        {
            throw new InvalidOperationException("A procedure without steps cannot be published.");
        }

        Number = number;
        PublishedAt = at;
        PublishedBy = by;
        Revision++;
    }

    public ProcedureStep StepOf(Guid stepKey) =>
        Steps.SingleOrDefault(s => s.Key == stepKey) ?? throw new InvalidOperationException("No such step in this version.");

    private static void Renumber(IReadOnlyList<ProcedureStep> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].MoveTo(i + 1);
        }
    }

    /// <summary>A deadline counted from a step must name another step of this version.</summary>
    private void CheckReference(StepContent content, Guid? self)
    {
        if (content.DeadlineFrom == DeadlineStart.StepDone
            && (content.AfterStepKey is not { } after || after == self || Steps.All(s => s.Key != after)))
        {
            throw new InvalidOperationException("A deadline is counted from another step of the same version.");
        }
    }

    private void EnsureDraft()
    {
        if (!IsDraft)
        {
            throw new InvalidOperationException("A published version never changes.");
        }
    }
}
