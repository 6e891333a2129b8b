using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Procedures;

namespace Cash.Tests;

/// <summary>
/// The procedures' rules (issue 11, item 3): a published version never changes, a draft copies its
/// steps with their keys, deadlines count working days (Brussels days, Belgian holidays) from the
/// start or from another step's completion, and late steps come first.
/// </summary>
public sealed class ProcedureRulesTests
{
    private static readonly DateTimeOffset FridayBeforeEaster2027 = Brussels.StartOf(new DateOnly(2027, 3, 26)).AddHours(10);

    private static StepContent Step(string title, int? days, Guid? after = null) => new(
        new LocalizedTexts(title, title + " (nl)", title + " (en)"),
        new LocalizedTexts("Comment", "", ""),
        StepActor.SchoolDirection,
        new LocalizedTexts("", "", ""),
        days,
        after is null ? DeadlineStart.ChecklistStart : DeadlineStart.StepDone,
        after);

    private static ProcedureVersion Published(params StepContent[] steps)
    {
        var version = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        foreach (var step in steps)
        {
            version.AddStep(step);
        }

        version.Publish(1, null, FridayBeforeEaster2027);
        return version;
    }

    [Fact]
    public void AStepWithinTwoWorkingDaysStartedOnTheFridayBeforeEasterMondayIsDueOnTheWednesday()
    {
        // Easter 2027 is on 28 March: Monday 29 March is a public holiday, so the two working days are Tuesday 30 and Wednesday 31.
        Assert.Equal(new DateOnly(2027, 3, 29), BelgianHolidays.EasterSunday(2027).AddDays(1));
        var version = Published(Step("Écrire les faits", 2));
        var checklist = new Checklist(Guid.CreateVersion7(), Guid.CreateVersion7(), version, Guid.NewGuid(), 7, FridayBeforeEaster2027);

        var scheduled = ChecklistSchedule.Schedule(checklist.StartedOn, checklist.Steps.Select(s => (s, version.Steps.Single(d => d.Id == s.ProcedureStepId))), checklist.StartedOn);

        Assert.Equal(new DateOnly(2027, 3, 26), checklist.StartedOn);
        Assert.Equal(new DateOnly(2027, 3, 31), Assert.Single(scheduled).DueOn);
    }

    [Fact]
    public void ADayStartedLateOnAFridayEveningInBrusselsCountsFromThatFriday()
    {
        // 23:30 in Brussels on Friday 26 March 2027 is 22:30 UTC the same day; the checklist's day is the Friday.
        var version = Published(Step("Écrire les faits", 2));
        var lateEvening = new DateTimeOffset(2027, 3, 26, 22, 30, 0, TimeSpan.Zero);
        var checklist = new Checklist(Guid.CreateVersion7(), Guid.CreateVersion7(), version, Guid.NewGuid(), 7, lateEvening);

        Assert.Equal(new DateOnly(2027, 3, 26), checklist.StartedOn);
        Assert.Equal(new DateOnly(2027, 3, 31), ChecklistSchedule.DueOn(version.Steps[0], checklist.StartedOn, new Dictionary<Guid, DateOnly>()));
    }

    [Fact]
    public void AStepCountedFromAnotherStepHasNoDueDayUntilThatStepIsDoneThenCountsFromItsDay()
    {
        var version = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        var hear = version.AddStep(Step("Entendre l'élève", 1));
        var follow = version.AddStep(Step("Entendre les auteurs", 5, hear.Key));
        version.Publish(1, null, FridayBeforeEaster2027);

        Assert.Null(ChecklistSchedule.DueOn(follow, new DateOnly(2027, 3, 26), new Dictionary<Guid, DateOnly>()));

        // Done on Thursday 29 April 2027: Friday 30 April, Monday 3, Tuesday 4, Wednesday 5 May, then Thursday 6 May is
        // Ascension (Easter + 39 days), so the fifth working day is Friday 7 May.
        var due = ChecklistSchedule.DueOn(follow, new DateOnly(2027, 3, 26), new Dictionary<Guid, DateOnly> { [hear.Key] = new DateOnly(2027, 4, 29) });
        Assert.Equal(new DateOnly(2027, 5, 7), due);
    }

    [Fact]
    public void APublishedVersionNeverChanges()
    {
        var version = Published(Step("Une étape", 1));
        var key = version.Steps[0].Key;

        Assert.Throws<InvalidOperationException>(() => version.AddStep(Step("Une autre", 1)));
        Assert.Throws<InvalidOperationException>(() => version.EditStep(key, Step("Changée", 3)));
        Assert.Throws<InvalidOperationException>(() => version.RemoveStep(key));
        Assert.Throws<InvalidOperationException>(() => version.MoveStep(key, 1));
        Assert.Throws<InvalidOperationException>(() => version.Publish(2, null, FridayBeforeEaster2027));
        Assert.Equal("Une étape", version.Steps[0].TitleFr);
    }

    [Fact]
    public void ADraftCopiesTheStepsWithTheirKeysSoADeadlineCountedFromAStepStillPointsToIt()
    {
        var source = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        var first = source.AddStep(Step("Première", 1));
        source.AddStep(Step("Deuxième", 5, first.Key));
        source.Publish(1, null, FridayBeforeEaster2027);

        var draft = ProcedureVersion.DraftFrom(source, Guid.CreateVersion7(), source.TemplateId, null, FridayBeforeEaster2027);
        draft.MoveStep(draft.OrderedSteps[1].Key, -1);

        Assert.True(draft.IsDraft);
        Assert.Equal(["Deuxième", "Première"], draft.OrderedSteps.Select(s => s.TitleFr));
        Assert.Equal(first.Key, draft.OrderedSteps[0].AfterStepKey);
        Assert.DoesNotContain(draft.Steps, s => source.Steps.Any(o => o.Id == s.Id));
        Assert.Equal(["Première", "Deuxième"], source.OrderedSteps.Select(s => s.TitleFr));
    }

    [Fact]
    public void RemovingAStepThatAnotherCountsFromMakesThatOneCountFromTheStart()
    {
        var draft = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        var first = draft.AddStep(Step("Première", 1));
        var second = draft.AddStep(Step("Deuxième", 5, first.Key));

        draft.RemoveStep(first.Key);

        Assert.Equal(DeadlineStart.ChecklistStart, second.DeadlineFrom);
        Assert.Null(second.AfterStepKey);
        Assert.Equal(1, second.Position);
    }

    [Fact]
    public void ADeadlineCannotCountFromAStepOutsideTheVersionNorFromItself()
    {
        var draft = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        var first = draft.AddStep(Step("Première", 1));

        Assert.Throws<InvalidOperationException>(() => draft.AddStep(Step("Ailleurs", 1, Guid.NewGuid())));
        Assert.Throws<InvalidOperationException>(() => draft.EditStep(first.Key, Step("Moi-même", 1, first.Key)));
    }

    [Fact]
    public void AChecklistStartsOnlyFromAPublishedVersionAndRecordsEachStepOnce()
    {
        var draft = new ProcedureVersion(Guid.CreateVersion7(), Guid.CreateVersion7(), null, FridayBeforeEaster2027);
        draft.AddStep(Step("Première", 1));
        Assert.Throws<InvalidOperationException>(() => new Checklist(Guid.CreateVersion7(), Guid.CreateVersion7(), draft, Guid.NewGuid(), 7, FridayBeforeEaster2027));

        var version = Published(Step("Première", 1), Step("Deuxième", 2));
        var checklist = new Checklist(Guid.CreateVersion7(), Guid.CreateVersion7(), version, Guid.NewGuid(), 7, FridayBeforeEaster2027);
        var step = checklist.Steps[0].Id;
        checklist.MarkDone(step, new DateOnly(2027, 3, 26), [1], Guid.NewGuid(), FridayBeforeEaster2027);

        Assert.Equal(1, checklist.Version);
        Assert.Throws<InvalidOperationException>(() => checklist.MarkNotApplicable(step, [2], Guid.NewGuid(), FridayBeforeEaster2027));
        Assert.Throws<ArgumentOutOfRangeException>(() => checklist.MarkDone(checklist.Steps[1].Id, new DateOnly(2027, 3, 27), [1], Guid.NewGuid(), FridayBeforeEaster2027));
        checklist.MarkNotApplicable(checklist.Steps[1].Id, [2], Guid.NewGuid(), FridayBeforeEaster2027);
        Assert.Equal([ChecklistStepStatus.Done, ChecklistStepStatus.NotApplicable], checklist.Steps.Select(s => s.Status));
    }

    [Fact]
    public void LateStepsComeFirstByDueDayThenTheOthersInTheProceduresOrder()
    {
        var version = Published(Step("Sans délai", null), Step("Dans dix jours", 10), Step("Demain", 1), Step("Dans deux jours", 2));
        var checklist = new Checklist(Guid.CreateVersion7(), Guid.CreateVersion7(), version, Guid.NewGuid(), 7, FridayBeforeEaster2027);
        var today = new DateOnly(2027, 4, 5); // Monday: "tomorrow" and "two days" are over, "ten days" is not.

        var scheduled = ChecklistSchedule.Schedule(checklist.StartedOn, checklist.Steps.Select(s => (s, version.Steps.Single(d => d.Id == s.ProcedureStepId))), today);

        Assert.Equal(["Demain", "Dans deux jours", "Sans délai", "Dans dix jours"], scheduled.Select(s => s.Step.TitleFr));
        Assert.Equal([true, true, false, false], scheduled.Select(s => s.IsLate));
    }
}
