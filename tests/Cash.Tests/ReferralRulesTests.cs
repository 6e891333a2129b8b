using Cash.Web.Domain.Situations;

namespace Cash.Tests;

/// <summary>The rules of referrals and consents on the entities themselves: what each transition does, and what it refuses.</summary>
public sealed class ReferralRulesTests
{
    private const int Lead = 1;
    private const int Mediation = 2;
    private const int Police = 3;

    private static readonly DateTimeOffset Monday = new(2030, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Someone = Guid.NewGuid();

    private static Situation NewSituation() => new(Guid.NewGuid(), "S-TEST-01", Lead, Someone, SituationChannel.Phone, Severity.Repeated, Monday);

    private static Consent NewConsent(Situation situation, int serviceId, ConsentScope scope, Guid? personId = null) =>
        new(Guid.NewGuid(), situation.Id, personId ?? Guid.NewGuid(), serviceId, ConsentGiver.YoungPerson, scope, ConsentMethod.InPerson, DateOnly.FromDateTime(Monday.UtcDateTime), Someone, Monday);

    [Fact]
    public void AConsentIsToSomethingAndGivenBySomeoneInAKnownWay()
    {
        var situation = NewSituation();

        Assert.Throws<InvalidOperationException>(() => NewConsent(situation, Mediation, ConsentScope.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Consent(
            Guid.NewGuid(), situation.Id, Guid.NewGuid(), Mediation, (ConsentGiver)42, ConsentScope.JoinSituation, ConsentMethod.Phone, default, Someone, Monday));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Consent(
            Guid.NewGuid(), situation.Id, Guid.NewGuid(), Mediation, ConsentGiver.YoungPerson, ConsentScope.JoinSituation, (ConsentMethod)42, default, Someone, Monday));
    }

    [Fact]
    public void AConsentIsWithdrawnOnceWithWhoAndWhen()
    {
        var consent = NewConsent(NewSituation(), Mediation, ConsentScope.JoinSituation);
        var by = Guid.NewGuid();

        consent.Withdraw(by, Monday.AddDays(1));

        Assert.False(consent.IsActive);
        Assert.Equal(Monday.AddDays(1), consent.WithdrawnAt);
        Assert.Equal(by, consent.WithdrawnBy);
        Assert.Throws<InvalidOperationException>(() => consent.Withdraw(by, Monday.AddDays(2)));
        Assert.Equal(Monday.AddDays(1), consent.WithdrawnAt);
    }

    [Fact]
    public void AReferralRestsOnAnActiveConsentToJoinGivenToTheServiceAsked()
    {
        var situation = NewSituation();
        var toJoin = NewConsent(situation, Mediation, ConsentScope.JoinSituation);

        var referral = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, toJoin, Monday);

        Assert.Equal(ReferralStatus.Pending, referral.Status);
        Assert.Equal(toJoin.Id, referral.ConsentId);
        Assert.Equal(LegalBasis.None, referral.LegalBasis);
    }

    [Fact]
    public void AConsentThatDoesNotAllowJoiningIsForAnotherServiceOrIsWithdrawnCarriesNoReferral()
    {
        var situation = NewSituation();
        var onlySchool = NewConsent(situation, Mediation, ConsentScope.ContactSchool | ConsentScope.SeeIdentities);
        var forPolice = NewConsent(situation, Police, ConsentScope.JoinSituation);
        var withdrawn = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        withdrawn.Withdraw(Someone, Monday);
        var elsewhere = NewConsent(NewSituation(), Mediation, ConsentScope.JoinSituation);

        foreach (var consent in new[] { onlySchool, forPolice, withdrawn, elsewhere })
        {
            Assert.Throws<InvalidOperationException>(() => Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday));
        }
    }

    [Fact]
    public void WithoutConsentOnlyAStatedLegalBasisCarriesAReferral()
    {
        var situation = NewSituation();

        Assert.Throws<InvalidOperationException>(() => Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, Police, Someone, LegalBasis.None, Monday));
        Assert.Throws<InvalidOperationException>(() => Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, Police, Someone, (LegalBasis)42, Monday));
        var referral = Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, Police, Someone, LegalBasis.SeriousImminentDanger, Monday);
        Assert.Null(referral.ConsentId);
        Assert.Equal(LegalBasis.SeriousImminentDanger, referral.LegalBasis);
    }

    [Fact]
    public void AServiceDoesNotReferToItself()
    {
        var situation = NewSituation();

        Assert.Throws<InvalidOperationException>(() => Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, Lead, Someone, LegalBasis.PersonInDanger, Monday));
    }

    [Fact]
    public void AcceptingGivesPseudonymsWithoutConsentToIdentitiesAndIdentitiesWithIt()
    {
        var situation = NewSituation();
        var toJoin = NewConsent(situation, Mediation, ConsentScope.JoinSituation | ConsentScope.ContactSchool);
        var pseudonymsOnly = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, toJoin, Monday);
        var withIdentities = NewConsent(situation, Police, ConsentScope.JoinSituation | ConsentScope.SeeIdentities);
        var identities = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Police, Someone, withIdentities, Monday);
        var onLegalBasis = Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, 4, Someone, LegalBasis.PersonInDanger, Monday);

        Assert.Equal(InvolvementTier.Pseudonyms, pseudonymsOnly.Accept(Someone, toJoin, Monday.AddHours(1)));
        Assert.Equal(InvolvementTier.Identities, identities.Accept(Someone, withIdentities, Monday.AddHours(1)));
        Assert.Equal(InvolvementTier.Pseudonyms, onLegalBasis.Accept(Someone, null, Monday.AddHours(1)));
        Assert.All(new[] { pseudonymsOnly, identities, onLegalBasis }, r =>
        {
            Assert.Equal(ReferralStatus.Accepted, r.Status);
            Assert.Equal(Someone, r.DecidedBy);
            Assert.Equal(Monday.AddHours(1), r.DecidedAt);
            Assert.Equal(1, r.Version);
        });
    }

    [Fact]
    public void AReferralIsAcceptedOnlyWithTheConsentItRestsOn()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var another = NewConsent(situation, Mediation, ConsentScope.JoinSituation | ConsentScope.SeeIdentities);
        var referral = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);

        Assert.Throws<InvalidOperationException>(() => referral.Accept(Someone, another, Monday));
        Assert.Equal(ReferralStatus.Pending, referral.Status);
    }

    [Fact]
    public void AReferralWhoseConsentWasWithdrawnCannotBeAccepted()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var referral = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);
        consent.Withdraw(Someone, Monday.AddHours(1));

        Assert.Throws<InvalidOperationException>(() => referral.Accept(Someone, consent, Monday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => referral.Accept(Someone, null, Monday.AddHours(2)));
        Assert.Equal(ReferralStatus.Pending, referral.Status);
    }

    [Fact]
    public void AReferralIsDecidedOnce()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var declined = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);
        var accepted = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);

        declined.Decline(Someone, Monday.AddHours(1));
        accepted.Accept(Someone, consent, Monday.AddHours(1));

        Assert.Equal(ReferralStatus.Declined, declined.Status);
        Assert.Throws<InvalidOperationException>(() => declined.Accept(Someone, consent, Monday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => declined.Decline(Someone, Monday.AddHours(2)));
        Assert.Throws<InvalidOperationException>(() => accepted.Decline(Someone, Monday.AddHours(2)));
        Assert.Equal(Monday.AddHours(1), declined.DecidedAt);
    }

    [Fact]
    public void WithdrawingAReferralCountsUpItsVersionAndLeavesADeclinedOneAsItWas()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var pending = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);
        var declined = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);
        declined.Decline(Someone, Monday);

        pending.Withdraw(Monday.AddHours(1));
        declined.Withdraw(Monday.AddHours(1));

        Assert.Equal(ReferralStatus.Withdrawn, pending.Status);
        Assert.Equal(1, pending.Version);
        Assert.Equal(ReferralStatus.Declined, declined.Status);
        Assert.Equal(1, declined.Version);
        Assert.Throws<InvalidOperationException>(() => pending.Accept(Someone, consent, Monday.AddHours(2)));
    }

    [Fact]
    public void WithdrawingTheOnlyConsentThatBroughtAServiceInMakesItLeave()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Mediation, ConsentScope.JoinSituation | ConsentScope.SeeIdentities);
        var referral = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, consent, Monday);
        situation.Involve(Mediation, referral.Accept(Someone, consent, Monday), referral.Id, Monday);

        var result = ConsentWithdrawal.Apply(situation, consent, [consent], [referral], Someone, Monday.AddDays(1));

        Assert.True(result.ServiceLeft);
        Assert.Same(referral, Assert.Single(result.WithdrawnReferrals));
        Assert.Equal(ReferralStatus.Withdrawn, referral.Status);
        Assert.False(consent.IsActive);
        Assert.DoesNotContain(situation.Services, s => s.PartnerServiceId == Mediation && s.IsActive);
        Assert.Contains(situation.Services, s => s.PartnerServiceId == Lead && s.IsActive);
    }

    [Fact]
    public void AnotherConsentToJoinKeepsTheServiceInWithWhatThatConsentAllows()
    {
        var situation = NewSituation();
        var young = NewConsent(situation, Mediation, ConsentScope.JoinSituation | ConsentScope.SeeIdentities);
        var parent = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var referral = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, young, Monday);
        situation.Involve(Mediation, referral.Accept(Someone, young, Monday), referral.Id, Monday);
        Assert.Equal(InvolvementTier.Identities, situation.Services.Single(s => s.PartnerServiceId == Mediation).Tier);

        var result = ConsentWithdrawal.Apply(situation, young, [young, parent], [referral], Someone, Monday.AddDays(1));

        Assert.False(result.ServiceLeft);
        Assert.Equal(ReferralStatus.Withdrawn, referral.Status);
        var kept = Assert.Single(situation.Services, s => s.PartnerServiceId == Mediation && s.IsActive);
        Assert.Equal(InvolvementTier.Pseudonyms, kept.Tier);
    }

    [Fact]
    public void AnAcceptedReferralOnALegalBasisKeepsTheServiceIn()
    {
        var situation = NewSituation();
        var consent = NewConsent(situation, Police, ConsentScope.JoinSituation);
        var urgent = Referral.OnLegalBasis(Guid.NewGuid(), situation.Id, Lead, Police, Someone, LegalBasis.SeriousImminentDanger, Monday);
        situation.Involve(Police, urgent.Accept(Someone, null, Monday), urgent.Id, Monday);

        var result = ConsentWithdrawal.Apply(situation, consent, [consent], [urgent], Someone, Monday.AddDays(1));

        Assert.False(result.ServiceLeft);
        Assert.Empty(result.WithdrawnReferrals);
        Assert.Equal(ReferralStatus.Accepted, urgent.Status);
        Assert.Contains(situation.Services, s => s.PartnerServiceId == Police && s.IsActive);
    }

    [Fact]
    public void AConsentToTheLeadServiceIsWithdrawnWithoutItLeavingAndAPendingReferralOnItIsWithdrawn()
    {
        var situation = NewSituation();
        var toLead = NewConsent(situation, Lead, ConsentScope.ContactSchool);
        var toMediation = NewConsent(situation, Mediation, ConsentScope.JoinSituation);
        var pending = Referral.WithConsent(Guid.NewGuid(), situation.Id, Lead, Mediation, Someone, toMediation, Monday);
        var version = situation.Version;

        Assert.False(ConsentWithdrawal.Apply(situation, toLead, [toLead, toMediation], [pending], Someone, Monday.AddDays(1)).ServiceLeft);
        Assert.True(situation.Version > version, "The situation records the change, so a decision racing it is refused.");
        Assert.Equal(ReferralStatus.Pending, pending.Status);

        var result = ConsentWithdrawal.Apply(situation, toMediation, [toLead, toMediation], [pending], Someone, Monday.AddDays(1));
        Assert.False(result.ServiceLeft);
        Assert.Equal(ReferralStatus.Withdrawn, pending.Status);
        Assert.Contains(situation.Services, s => s.PartnerServiceId == Lead && s.IsActive);
    }

    [Fact]
    public void NarrowingNeverWidensNorTouchesTheLeadService()
    {
        var situation = NewSituation();
        situation.Involve(Mediation, InvolvementTier.Pseudonyms, Guid.NewGuid(), Monday);

        situation.Narrow(Mediation, InvolvementTier.Identities, Monday);
        situation.Narrow(Lead, InvolvementTier.Pseudonyms, Monday);

        Assert.Equal(InvolvementTier.Pseudonyms, situation.Services.Single(s => s.PartnerServiceId == Mediation).Tier);
        Assert.Equal(InvolvementTier.Lead, situation.Services.Single(s => s.PartnerServiceId == Lead).Tier);
        Assert.Throws<ArgumentOutOfRangeException>(() => situation.Narrow(Mediation, InvolvementTier.Lead, Monday));
    }
}
