using Cash.Web.Domain.Interventions;

namespace Cash.Tests;

/// <summary>The state rules of a joint intervention, on the entity itself: planned, then done or cancelled, and each service's own answer.</summary>
public sealed class InterventionRulesTests
{
    private const int Organiser = 1;
    private const int Other = 2;
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheOrganiserTakesPartAndCannotDeclineItsOwnIntervention()
    {
        var intervention = Planned();
        Assert.Equal(ParticipationStatus.Confirmed, intervention.ParticipationOfOrNull(Organiser)!.Status);
        Assert.Throws<InvalidOperationException>(() => intervention.Decline(Organiser, null, Guid.NewGuid(), At));
    }

    [Fact]
    public void AServiceNotInvitedCannotAnswerAndOneThatDeclinedMayBeAskedAgain()
    {
        var intervention = Planned();
        Assert.Throws<InvalidOperationException>(() => intervention.Confirm(Other, [], Guid.NewGuid(), At));

        intervention.Invite(Other, At);
        var someone = Guid.NewGuid();
        intervention.Confirm(Other, [someone], someone, At);
        Assert.Equal([someone], intervention.People.Select(p => p.ProfessionalId));

        intervention.Decline(Other, [1, 2, 3], someone, At);
        Assert.Empty(intervention.People);
        Assert.Equal(ParticipationStatus.Declined, intervention.ParticipationOfOrNull(Other)!.Status);

        intervention.Invite(Other, At.AddDays(1));
        Assert.Equal(ParticipationStatus.Invited, intervention.ParticipationOfOrNull(Other)!.Status);
        Assert.Null(intervention.ParticipationOfOrNull(Other)!.DeclineReason);
    }

    [Fact]
    public void AReportMakesItDoneAndNothingChangesOnceDoneOrCancelled()
    {
        var done = Planned();
        Assert.False(done.CanReportAt(done.StartsAt.AddMinutes(-1)));
        Assert.True(done.CanReportAt(done.StartsAt));
        done.Report(24, [1], null, new DateOnly(2027, 3, 15), Guid.NewGuid());
        Assert.Equal(InterventionStatus.Done, done.Status);

        var cancelled = Planned();
        cancelled.Cancel(Guid.NewGuid(), At);
        foreach (var intervention in new[] { done, cancelled })
        {
            Assert.Throws<InvalidOperationException>(() => intervention.Cancel(Guid.NewGuid(), At));
            Assert.Throws<InvalidOperationException>(() => intervention.Invite(Other, At));
            Assert.Throws<InvalidOperationException>(() => intervention.ChangePlan(null));
            Assert.Throws<InvalidOperationException>(() => intervention.Schedule(1, null, new DateOnly(2027, 3, 16), new TimeOnly(9, 0), new TimeOnly(10, 0), null));
            Assert.Throws<InvalidOperationException>(() => intervention.Report(1, [1], null, new DateOnly(2027, 3, 15), Guid.NewGuid()));
        }
    }

    [Fact]
    public void AnInterventionEndsAfterItStartsAndMovesWithTheBrusselsClock()
    {
        var intervention = Planned();
        Assert.Throws<ArgumentException>(() => intervention.Schedule(1, null, new DateOnly(2027, 3, 15), new TimeOnly(10, 0), new TimeOnly(10, 0), null));

        // Winter time (UTC+1) in March before the 28th, summer time (UTC+2) after.
        intervention.Schedule(1, null, new DateOnly(2027, 3, 26), new TimeOnly(9, 0), new TimeOnly(10, 0), null);
        Assert.Equal(new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.Zero), intervention.StartsAt);
        intervention.Schedule(1, null, new DateOnly(2027, 3, 29), new TimeOnly(9, 0), new TimeOnly(10, 0), null);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 7, 0, 0, TimeSpan.Zero), intervention.StartsAt);
        Assert.Equal(new DateOnly(2027, 3, 29), intervention.Day);
    }

    private static Intervention Planned()
    {
        var intervention = new Intervention(Guid.NewGuid(), Organiser, 1, null, Guid.NewGuid(), At);
        intervention.Schedule(1, "3e B", new DateOnly(2027, 3, 15), new TimeOnly(9, 0), new TimeOnly(11, 0), null);
        return intervention;
    }
}
