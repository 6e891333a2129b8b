using Cash.Web.Domain.Help;

namespace Cash.Tests;

/// <summary>The help request's own rules: what each transition does, and what it refuses.</summary>
public sealed class HelpRequestRulesTests
{
    // Friday 29 November 2030, 17:00 UTC.
    private static readonly DateTimeOffset Friday = new(2030, 11, 29, 17, 0, 0, TimeSpan.Zero);

    private static HelpRequest NewRequest(int? serviceId = 1, bool mayForward = false) =>
        new(Guid.NewGuid().ToByteArray(), serviceId, Friday) { MayForward = mayForward };

    [Fact]
    public void AcknowledgingRecordsTheFirstMomentOnly()
    {
        var request = NewRequest();
        request.Acknowledge(Friday.AddHours(1));
        request.Acknowledge(Friday.AddHours(2));

        Assert.Equal(HelpRequestStatus.Acknowledged, request.Status);
        Assert.Equal(Friday.AddHours(1), request.AcknowledgedAt);
    }

    [Fact]
    public void AnAnswerFromTheServiceAcknowledgesAndAddsToTheThread()
    {
        var request = NewRequest();
        var professional = Guid.NewGuid();
        var message = request.Write(MessageAuthor.Service, [1, 2, 3], Guid.NewGuid(), professional, Friday.AddHours(3));

        Assert.Equal(HelpRequestStatus.Acknowledged, request.Status);
        Assert.Same(message, Assert.Single(request.Messages));
        Assert.Equal(1, message.PartnerServiceId);
        Assert.Equal(professional, message.ProfessionalId);
        Assert.Equal(Friday.AddHours(3), request.LastActivityAt);
    }

    [Fact]
    public void AMessageFromTheSenderDoesNotAcknowledge()
    {
        var request = NewRequest();
        request.Write(MessageAuthor.Sender, [1], Guid.NewGuid(), null, Friday.AddHours(1));

        Assert.Equal(HelpRequestStatus.New, request.Status);
        Assert.Single(request.Messages);
    }

    [Fact]
    public void ForwardingWithoutConsentIsRefusedAndChangesNothing()
    {
        var request = NewRequest();

        Assert.Throws<InvalidOperationException>(() => request.ForwardTo(2, Friday.AddHours(1)));
        Assert.Equal(1, request.PartnerServiceId);
        Assert.Equal(Friday, request.LastActivityAt);
    }

    [Fact]
    public void ForwardingWithConsentStartsOverAtTheNewService()
    {
        var request = NewRequest(mayForward: true);
        request.Acknowledge(Friday.AddHours(1));
        request.ForwardTo(2, Friday.AddHours(2));

        Assert.Equal(2, request.PartnerServiceId);
        Assert.Equal(HelpRequestStatus.New, request.Status);
        Assert.Null(request.AcknowledgedAt);
        Assert.Throws<InvalidOperationException>(() => request.ForwardTo(2, Friday.AddHours(3)));
    }

    [Fact]
    public void ConsentGivenLaterAllowsForwarding()
    {
        var request = NewRequest();
        request.AllowForwarding(Friday.AddHours(1));
        request.ForwardTo(3, Friday.AddHours(2));

        Assert.Equal(3, request.PartnerServiceId);
    }

    [Fact]
    public void TheTriageAssignsWithoutForwardingConsentButOnlyFromTheTriage()
    {
        var request = NewRequest(serviceId: null);
        request.AssignFromTriage(4, Friday.AddHours(1));

        Assert.Equal(4, request.PartnerServiceId);
        Assert.Throws<InvalidOperationException>(() => request.AssignFromTriage(5, Friday.AddHours(2)));
        Assert.Equal(4, request.PartnerServiceId);
    }

    [Fact]
    public void AClosedRequestKeepsItsOutcomeAndRefusesEveryChange()
    {
        var request = NewRequest(mayForward: true);
        request.Close(HelpOutcome.Spam, Friday.AddHours(1));

        Assert.True(request.IsClosed);
        Assert.Equal(HelpOutcome.Spam, request.Outcome);
        Assert.Equal(Friday.AddHours(1), request.ClosedAt);
        Assert.Throws<InvalidOperationException>(() => request.Acknowledge(Friday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => request.Write(MessageAuthor.Service, [1], Guid.NewGuid(), null, Friday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => request.ForwardTo(2, Friday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => request.Close(HelpOutcome.Answered, Friday.AddHours(2)));
        Assert.Equal(HelpOutcome.Spam, request.Outcome);
    }

    [Fact]
    public void ARequestFromFridayEveningNeedsEscalationOnceTuesdayHasEnded()
    {
        var request = NewRequest();

        Assert.False(request.NeedsEscalation(Friday.AddDays(3), 2)); // Monday 17:00: one working day
        Assert.False(request.NeedsEscalation(Friday.AddDays(4), 2)); // Tuesday 17:00: still within the second
        Assert.True(request.NeedsEscalation(Friday.AddDays(5), 2)); // Wednesday 17:00: two working days have passed

        request.MarkEscalated(Friday.AddDays(5));
        Assert.False(request.NeedsEscalation(Friday.AddDays(10), 2));
    }

    [Fact]
    public void AnAcknowledgedRequestNeverNeedsEscalation()
    {
        var request = NewRequest();
        request.Acknowledge(Friday.AddDays(3));

        Assert.False(request.NeedsEscalation(Friday.AddDays(10), 2));
    }

    [Fact]
    public void InactivityCountsFromTheLastActivity()
    {
        var request = NewRequest();
        request.Write(MessageAuthor.Sender, [1], Guid.NewGuid(), null, Friday.AddDays(10));

        Assert.False(request.IsInactiveSince(Friday.AddDays(99), TimeSpan.FromDays(90)));
        Assert.True(request.IsInactiveSince(Friday.AddDays(100), TimeSpan.FromDays(90)));
    }
}
