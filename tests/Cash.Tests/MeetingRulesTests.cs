using Cash.Web.Domain.Meetings;

namespace Cash.Tests;

/// <summary>The rules a meeting keeps by itself, whatever page or job changes it.</summary>
public sealed class MeetingRulesTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 18, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MinutesAttendanceAndDecisionsWaitForTheMeetingToStart()
    {
        var meeting = NewMeeting();
        meeting.InviteOnly([1]);

        Assert.Throws<InvalidOperationException>(() => meeting.WriteMinutes([1, 2, 3], Start.AddMinutes(-1)));
        Assert.Throws<InvalidOperationException>(() => meeting.RecordAttendance(1, Attendance.Present, Start.AddMinutes(-1)));
        Assert.Throws<InvalidOperationException>(() => meeting.AddDecision(Guid.NewGuid(), 1, null, Start.AddMinutes(-1)));

        meeting.WriteMinutes([1, 2, 3], Start);
        meeting.RecordAttendance(1, Attendance.Excused, Start);
        Assert.Equal(Start, meeting.MinutesWrittenAt);
        Assert.Equal(Attendance.Excused, meeting.Services.Single().Attendance);
    }

    [Fact]
    public void ADecisionBecomesATaskOnce()
    {
        var meeting = NewMeeting();
        var decision = meeting.AddDecision(Guid.NewGuid(), 1, null, Start.AddHours(1));
        var task = Guid.NewGuid();

        meeting.DecisionTurnedIntoTask(decision, task);

        Assert.Equal(task, decision.TaskId);
        Assert.Throws<InvalidOperationException>(() => meeting.DecisionTurnedIntoTask(decision, Guid.NewGuid()));
        Assert.Equal(task, decision.TaskId);
    }

    [Fact]
    public void TheCalendarSequenceMovesWhenTheTimeOrPlaceChangesAndOnlyThen()
    {
        var meeting = NewMeeting();
        Assert.Equal(0, meeting.Sequence);

        Assert.False(meeting.Change(MeetingKind.NetworkMeeting, "Réunion du réseau", Start, Start.AddHours(2), "Hôtel de ville", null));
        Assert.Equal(0, meeting.Sequence);

        Assert.True(meeting.Change(MeetingKind.NetworkMeeting, "Réunion du réseau", Start.AddHours(1), Start.AddHours(3), "Hôtel de ville", null));
        Assert.True(meeting.Change(MeetingKind.NetworkMeeting, "Réunion du réseau", Start.AddHours(1), Start.AddHours(3), "Salle 2", null));
        Assert.Equal(2, meeting.Sequence);
    }

    [Fact]
    public void AVideoLinkIsAnHttpsAddressAndAMeetingEndsAfterItStarts()
    {
        Assert.Throws<ArgumentException>(() => new Meeting(Guid.NewGuid(), MeetingKind.NetworkMeeting, "R", Start, Start.AddHours(1), null, new Uri("http://visio.example"), Guid.NewGuid(), Start));
        Assert.Throws<ArgumentException>(() => new Meeting(Guid.NewGuid(), MeetingKind.NetworkMeeting, "R", Start, Start.AddHours(1), null, new Uri("javascript:alert(1)"), Guid.NewGuid(), Start));
        Assert.Throws<ArgumentException>(() => new Meeting(Guid.NewGuid(), MeetingKind.NetworkMeeting, "R", Start, Start, "Salle", null, Guid.NewGuid(), Start));
        var meeting = new Meeting(Guid.NewGuid(), MeetingKind.NetworkMeeting, "R", Start, Start.AddHours(1), null, new Uri("https://visio.example/r"), Guid.NewGuid(), Start);
        Assert.Equal("https://visio.example/r", meeting.VideoLink);
    }

    [Fact]
    public void AgendaItemsAndDecisionsAreNumberedInTheOrderTheyWereAdded()
    {
        var meeting = NewMeeting();
        var first = meeting.AddAgendaItem(Guid.NewGuid(), "Un", null);
        var second = meeting.AddAgendaItem(Guid.NewGuid(), "Deux", Guid.NewGuid());

        Assert.Equal([1, 2], new[] { first.Position, second.Position });
        Assert.Throws<ArgumentException>(() => meeting.FollowedBy(meeting.Id));
    }

    [Fact]
    public void AMeetingIsCancelledOnceAndOnlyBeforeItStartsMovingItsSequenceAndVersion()
    {
        var started = NewMeeting();
        Assert.Throws<InvalidOperationException>(() => started.Cancel(Start));
        Assert.Null(started.CancelledAt);

        var meeting = NewMeeting();
        var (sequence, version) = (meeting.Sequence, meeting.Version);
        meeting.Cancel(Start.AddMinutes(-1).ToOffset(TimeSpan.FromHours(1)));

        Assert.True(meeting.IsCancelled);
        Assert.Equal(Start.AddMinutes(-1), meeting.CancelledAt);
        Assert.Equal(TimeSpan.Zero, meeting.CancelledAt!.Value.Offset);
        Assert.Equal(sequence + 1, meeting.Sequence);
        Assert.Equal(version + 1, meeting.Version);
        Assert.Throws<InvalidOperationException>(() => meeting.Cancel(Start.AddMinutes(-1)));
        Assert.Equal(sequence + 1, meeting.Sequence);
    }

    [Fact]
    public void ACancelledMeetingRefusesEveryChange()
    {
        var meeting = NewMeeting();
        meeting.InviteOnly([1]);
        meeting.Cancel(Start.AddDays(-1));
        var version = meeting.Version;
        var after = Start.AddHours(1);

        Assert.Throws<InvalidOperationException>(() => meeting.Change(MeetingKind.NetworkMeeting, "Autre titre", Start, Start.AddHours(2), "Hôtel de ville", null));
        Assert.Throws<InvalidOperationException>(() => meeting.InviteOnly([1, 2]));
        Assert.Throws<InvalidOperationException>(() => meeting.AddAgendaItem(Guid.NewGuid(), "Un point", null));
        Assert.Throws<InvalidOperationException>(() => meeting.RecordAttendance(1, Attendance.Present, after));
        Assert.Throws<InvalidOperationException>(() => meeting.WriteMinutes([1, 2, 3], after));
        Assert.Throws<InvalidOperationException>(() => meeting.AddDecision(Guid.NewGuid(), 1, null, after));
        Assert.Throws<InvalidOperationException>(() => meeting.FollowedBy(Guid.NewGuid()));

        Assert.Equal("Réunion du réseau", meeting.Title);
        Assert.Equal([1], meeting.Services.Select(s => s.PartnerServiceId));
        Assert.Empty(meeting.AgendaItems);
        Assert.Empty(meeting.Decisions);
        Assert.Null(meeting.Minutes);
        Assert.Null(meeting.NextMeetingId);
        Assert.Equal(version, meeting.Version);
    }

    private static Meeting NewMeeting() =>
        new(Guid.NewGuid(), MeetingKind.NetworkMeeting, "Réunion du réseau", Start, Start.AddHours(2), "Hôtel de ville", null, Guid.NewGuid(), Start.AddDays(-7));
}
