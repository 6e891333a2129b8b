namespace Cash.Web.Domain.Situations;

/// <summary>
/// What withdrawing a consent does to a situation, in one place: the consent is withdrawn, every
/// referral resting on it is withdrawn (a pending one can no longer be accepted), and the service it
/// was given to leaves the situation, unless something else still keeps it in: another active
/// consent for that service that allows joining (a parent's beside the young person's, say), or a
/// referral to it on a legal basis that it accepted. A service that stays keeps no more than what
/// the remaining consents allow (identities only if one of them still covers them). The lead
/// service never leaves its own situation.
/// </summary>
public static class ConsentWithdrawal
{
    /// <param name="situation">The situation, with its involved services.</param>
    /// <param name="consent">The consent to withdraw, one of <paramref name="consents"/>' situation.</param>
    /// <param name="consents">Every consent of the situation.</param>
    /// <param name="referrals">Every referral of the situation.</param>
    public static WithdrawalResult Apply(Situation situation, Consent consent, IReadOnlyCollection<Consent> consents, IReadOnlyCollection<Referral> referrals, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(situation);
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(referrals);
        if (consent.SituationId != situation.Id)
        {
            throw new InvalidOperationException("The consent is not one of this situation's.");
        }

        consent.Withdraw(by, at);
        var withdrawn = new List<Referral>();
        foreach (var referral in referrals.Where(r => r.ConsentId == consent.Id && r.Status is ReferralStatus.Pending or ReferralStatus.Accepted))
        {
            referral.Withdraw(at);
            withdrawn.Add(referral);
        }

        var serviceId = consent.ServiceId;
        var involved = situation.Services.Any(s => s.PartnerServiceId == serviceId && s.IsActive);
        if (serviceId == situation.LeadServiceId || !involved)
        {
            // Nothing to leave; the situation still records that it changed, so a decision racing this withdrawal is refused.
            situation.Touch(at);
            return new WithdrawalResult(ServiceLeft: false, withdrawn);
        }

        var remaining = consents.Where(c => c.Id != consent.Id && c.ServiceId == serviceId && c.IsActive).ToList();
        var keptIn = remaining.Any(c => c.Scope.HasFlag(ConsentScope.JoinSituation))
            || referrals.Any(r => r.ToServiceId == serviceId && r.Status == ReferralStatus.Accepted && r.LegalBasis != LegalBasis.None);
        if (!keptIn)
        {
            situation.Release(serviceId, at);
            return new WithdrawalResult(ServiceLeft: true, withdrawn);
        }

        var tier = remaining.Any(c => c.Scope.HasFlag(ConsentScope.SeeIdentities)) ? InvolvementTier.Identities : InvolvementTier.Pseudonyms;
        situation.Narrow(serviceId, tier, at);
        return new WithdrawalResult(ServiceLeft: false, withdrawn);
    }
}

/// <summary>Whether the service the consent was given to left the situation, and the referrals withdrawn with the consent.</summary>
public sealed record WithdrawalResult(bool ServiceLeft, IReadOnlyList<Referral> WithdrawnReferrals);
