using Cash.Web.Domain.Situations;
using Cash.Web.Situations;

namespace Cash.Tests;

/// <summary>
/// A situation's transitions (issue 10): the severity changes, it closes with an outcome, reopens
/// until its content is erased, services join and leave; each refuses the moves that make no sense.
/// </summary>
public sealed class SituationRulesTests
{
    private const int Declic = 7;
    private const int Passerelle = 8;
    private static readonly DateTimeOffset Opened = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private static Situation New(Severity severity = Severity.Concern) =>
        new(Guid.CreateVersion7(), "S-7KQ2-9F", Declic, Guid.NewGuid(), SituationChannel.Phone, severity, Opened);

    [Fact]
    public void ASituationOpensWithItsLeadServiceInvolvedAndNobodyWorkingOnItYet()
    {
        var situation = New();

        Assert.Equal(SituationStatus.Open, situation.Status);
        var lead = Assert.Single(situation.Services);
        Assert.Equal((Declic, InvolvementTier.Lead, true), (lead.PartnerServiceId, lead.Tier, lead.IsActive));
        Assert.Equal(Opened, situation.LastActivityAt);
    }

    [Fact]
    public void ChangingTheSeverityTakesItUpAndCountsAsActivity()
    {
        var situation = New();
        var version = situation.Version;

        situation.ChangeSeverity(Severity.Serious, Opened.AddHours(1));

        Assert.Equal(Severity.Serious, situation.Severity);
        Assert.Equal(SituationStatus.InProgress, situation.Status);
        Assert.Equal(Opened.AddHours(1), situation.LastActivityAt);
        Assert.True(situation.Version > version);
    }

    [Fact]
    public void TheSameSeverityOrAnUnknownOneIsRefused()
    {
        var situation = New(Severity.Repeated);

        Assert.Throws<InvalidOperationException>(() => situation.ChangeSeverity(Severity.Repeated, Opened));
        Assert.Throws<ArgumentOutOfRangeException>(() => situation.ChangeSeverity((Severity)99, Opened));
        Assert.Equal(Severity.Repeated, situation.Severity);
    }

    [Fact]
    public void ClosingRecordsTheOutcomeAndRefusesWhatFollows()
    {
        var situation = New();

        situation.Close(SituationOutcome.Resolved, Opened.AddDays(3));

        Assert.True(situation.IsClosed);
        Assert.Equal(SituationOutcome.Resolved, situation.Outcome);
        Assert.Equal(Opened.AddDays(3), situation.ClosedAt);
        Assert.Throws<InvalidOperationException>(() => situation.Close(SituationOutcome.Other, Opened.AddDays(4)));
        Assert.Throws<InvalidOperationException>(() => situation.ChangeSeverity(Severity.Danger, Opened.AddDays(4)));
        Assert.Throws<InvalidOperationException>(() => situation.Involve(Passerelle, InvolvementTier.Pseudonyms, Guid.NewGuid(), Opened.AddDays(4)));
    }

    [Fact]
    public void AnUnknownOutcomeIsRefused()
    {
        var situation = New();

        Assert.Throws<ArgumentOutOfRangeException>(() => situation.Close((SituationOutcome)42, Opened));
        Assert.False(situation.IsClosed);
    }

    [Fact]
    public void ReopeningForgetsTheOutcomeAndOnlyAClosedSituationReopens()
    {
        var situation = New();
        Assert.Throws<InvalidOperationException>(() => situation.Reopen(Opened));

        situation.Close(SituationOutcome.Improved, Opened.AddDays(1));
        situation.Reopen(Opened.AddDays(2));

        Assert.Equal(SituationStatus.InProgress, situation.Status);
        Assert.Null(situation.Outcome);
        Assert.Null(situation.ClosedAt);
        Assert.Equal(Opened.AddDays(2), situation.LastActivityAt);
    }

    [Fact]
    public void ErasingKeepsTheFactsAndEndsReopening()
    {
        var situation = New();
        situation.Summary = [1, 2, 3];
        situation.ClassName = "2B";
        situation.SchoolId = 12;
        Assert.Throws<InvalidOperationException>(() => situation.Erase(Opened));

        situation.Close(SituationOutcome.NoFurtherContact, Opened.AddDays(1));
        situation.Erase(Opened.AddMonths(24));

        Assert.Null(situation.Summary);
        Assert.Null(situation.ClassName);
        Assert.Equal(12, situation.SchoolId);
        Assert.Equal(SituationOutcome.NoFurtherContact, situation.Outcome);
        Assert.True(situation.IsErased);
        Assert.Throws<InvalidOperationException>(() => situation.Reopen(Opened.AddMonths(25)));
        Assert.Throws<InvalidOperationException>(() => situation.Erase(Opened.AddMonths(25)));
    }

    [Fact]
    public void AServiceJoinsOnceAndOnlyWidensItsTier()
    {
        var situation = New();
        var first = Guid.NewGuid();
        var wider = Guid.NewGuid();

        situation.Involve(Passerelle, InvolvementTier.Pseudonyms, first, Opened.AddHours(1));
        situation.Involve(Passerelle, InvolvementTier.Identities, wider, Opened.AddHours(2));
        situation.Involve(Passerelle, InvolvementTier.Pseudonyms, Guid.NewGuid(), Opened.AddHours(3));

        var joined = Assert.Single(situation.Services, s => s.PartnerServiceId == Passerelle);
        Assert.Equal(InvolvementTier.Identities, joined.Tier);
        Assert.Equal(wider, joined.ReferralId);
        Assert.Equal(SituationStatus.InProgress, situation.Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => situation.Involve(9, InvolvementTier.Lead, Guid.NewGuid(), Opened));
    }

    [Fact]
    public void AReleasedServiceLeavesAndMayJoinAgainWhileTheLeadNeverLeaves()
    {
        var situation = New();
        situation.Involve(Passerelle, InvolvementTier.Pseudonyms, Guid.NewGuid(), Opened.AddHours(1));

        situation.Release(Passerelle, Opened.AddHours(2));

        var left = Assert.Single(situation.Services, s => s.PartnerServiceId == Passerelle);
        Assert.False(left.IsActive);
        Assert.Equal(Opened.AddHours(2), left.EndedAt);
        Assert.Throws<InvalidOperationException>(() => situation.Release(Declic, Opened.AddHours(3)));

        situation.Involve(Passerelle, InvolvementTier.Pseudonyms, Guid.NewGuid(), Opened.AddHours(4));
        Assert.Single(situation.Services, s => s.PartnerServiceId == Passerelle && s.IsActive);
    }

    [Fact]
    public void ASeverityChangeIsASharedJournalEntry()
    {
        var entry = JournalEntry.SeverityChanged(Guid.NewGuid(), Guid.NewGuid(), Declic, Guid.NewGuid(), new DateOnly(2025, 3, 3), Opened);

        Assert.Equal(JournalKind.SeverityChange, entry.Kind);
        Assert.Equal(SharingTier.Shared, entry.Tier);
        Assert.Equal(Declic, entry.AuthorServiceId);
    }

    [Fact]
    public void AReferenceHasItsShapeAndIsReadBackIgnoringCaseAndSpaces()
    {
        var references = Enumerable.Range(0, 200).Select(_ => SituationReferences.New()).ToList();

        Assert.All(references, r => Assert.Matches("^S-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$", r));
        Assert.All(references, r => Assert.Equal(r, SituationReferences.Normalise(r)));
        Assert.Equal("S-7KQ2-9F", SituationReferences.Normalise(" s-7kq2 -9f "));
        Assert.Null(SituationReferences.Normalise("S-7KQ2-9"));
        Assert.Null(SituationReferences.Normalise("S-7KQ0-9F"));
    }
}
