using Cash.Web.Domain.Calendar;

namespace Cash.Web.Domain.Procedures;

/// <summary>
/// The due days of a checklist's steps: a step with a suggested deadline of N working days is due by
/// the end of the Nth working day (Brussels days, Belgian holidays excluded; <see cref="WorkingDays"/>)
/// after the checklist's start, or after the day the step it counts from was done; none until that
/// step is done (and none at all if that step does not apply). These are the network's suggestions,
/// never legal deadlines.
/// </summary>
public static class ChecklistSchedule
{
    /// <summary>The last day of <paramref name="days"/> working days after <paramref name="from"/> (that day itself does not count).</summary>
    public static DateOnly AddWorkingDays(DateOnly from, int days) =>
        Brussels.DayOf(WorkingDays.AddTo(Brussels.StartOf(from), days)).AddDays(-1);

    /// <summary>When <paramref name="step"/> is due, given the day the checklist started and the days its steps were done (by step key).</summary>
    public static DateOnly? DueOn(ProcedureStep step, DateOnly startedOn, IReadOnlyDictionary<Guid, DateOnly> doneOnByKey)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(doneOnByKey);
        if (step.DeadlineDays is not { } days)
        {
            return null;
        }

        if (step.DeadlineFrom == DeadlineStart.ChecklistStart)
        {
            return AddWorkingDays(startedOn, days);
        }

        return step.AfterStepKey is { } after && doneOnByKey.TryGetValue(after, out var done) ? AddWorkingDays(done, days) : null;
    }

    /// <summary>Still open and its due day is over on <paramref name="today"/> (a Brussels day).</summary>
    public static bool IsLate(ChecklistStepStatus status, DateOnly? dueOn, DateOnly today) =>
        status == ChecklistStepStatus.Open && dueOn < today;

    /// <summary>A checklist's steps with their due days, late ones first (by due day), then in the procedure's order.</summary>
    public static IReadOnlyList<ScheduledStep> Schedule(DateOnly startedOn, IEnumerable<(ChecklistStep Record, ProcedureStep Step)> steps, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var all = steps.ToList();
        var done = all.Where(s => s.Record is { Status: ChecklistStepStatus.Done, DoneOn: not null })
            .ToDictionary(s => s.Record.StepKey, s => s.Record.DoneOn!.Value);
        return [.. all
            .Select(s =>
            {
                var due = DueOn(s.Step, startedOn, done);
                return new ScheduledStep(s.Record, s.Step, due, IsLate(s.Record.Status, due, today));
            })
            .OrderByDescending(s => s.IsLate)
            .ThenBy(s => s.IsLate ? s.DueOn : null)
            .ThenBy(s => s.Step.Position)];
    }
}

public sealed record ScheduledStep(ChecklistStep Record, ProcedureStep Step, DateOnly? DueOn, bool IsLate);
