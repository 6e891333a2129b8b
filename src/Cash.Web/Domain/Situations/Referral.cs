using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A request from an involved service to another service to join a situation. It rests on a
/// <see cref="Consent"/> (which must allow joining) or, without one, on a stated legal basis with a
/// written justification. The receiving service accepts (and is involved at the tier the consent
/// allows) or declines with a reason. The request, the reason and the justification are encrypted.
/// </summary>
public sealed class Referral : IAuditedRecord
{
    private Referral()
    {
    }

    private Referral(Guid id, Guid situationId, int fromServiceId, int toServiceId, Guid requestedBy, DateTimeOffset at)
    {
        if (fromServiceId == toServiceId)
        {
            throw new InvalidOperationException("A service does not refer a situation to itself.");
        }

        Id = id;
        SituationId = situationId;
        FromServiceId = fromServiceId;
        ToServiceId = toServiceId;
        RequestedBy = requestedBy;
        RequestedAt = at;
        Status = ReferralStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public int FromServiceId { get; private set; }

    public int ToServiceId { get; private set; }

    public Guid RequestedBy { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>What is asked of the service, encrypted.</summary>
    public byte[]? Request { get; set; }

    /// <summary>The consent it rests on; null only with a <see cref="LegalBasis"/>.</summary>
    public Guid? ConsentId { get; private set; }

    public LegalBasis LegalBasis { get; private set; }

    /// <summary>Why the legal basis applies, encrypted; present exactly when there is a legal basis.</summary>
    public byte[]? Justification { get; set; }

    public ReferralStatus Status { get; private set; }

    /// <summary>For the access rule, which reads the situation's involved services in the query.</summary>
    public Situation? Situation { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why the service declined, encrypted.</summary>
    public byte[]? DeclineReason { get; set; }

    /// <summary>Checked on every write: a decision cannot race a withdrawal.</summary>
    public int Version { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>A referral resting on a consent, which must allow joining the situation and be for the receiving service.</summary>
    public static Referral WithConsent(Guid id, Guid situationId, int fromServiceId, int toServiceId, Guid requestedBy, Consent consent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(consent);
        if (consent.SituationId != situationId || consent.ServiceId != toServiceId)
        {
            throw new InvalidOperationException("The consent is not for this situation and service.");
        }

        if (!consent.IsActive || !consent.Scope.HasFlag(ConsentScope.JoinSituation))
        {
            throw new InvalidOperationException("The consent does not allow the service to join the situation.");
        }

        return new Referral(id, situationId, fromServiceId, toServiceId, requestedBy, at) { ConsentId = consent.Id };
    }

    /// <summary>A referral without consent, only on a legal basis; the caller stores the written justification.</summary>
    public static Referral OnLegalBasis(Guid id, Guid situationId, int fromServiceId, int toServiceId, Guid requestedBy, LegalBasis basis, DateTimeOffset at)
    {
        if (basis == LegalBasis.None || !Enum.IsDefined(basis))
        {
            throw new InvalidOperationException("A referral without consent needs a legal basis.");
        }

        return new Referral(id, situationId, fromServiceId, toServiceId, requestedBy, at) { LegalBasis = basis };
    }

    /// <summary>
    /// The receiving service accepts: the tier it joins at follows the consent (identities only
    /// with consent to them); on a legal basis without consent, pseudonyms only.
    /// </summary>
    public InvolvementTier Accept(Guid by, Consent? consent, DateTimeOffset at)
    {
        EnsurePending();
        if (ConsentId is not null && (consent is null || consent.Id != ConsentId || !consent.IsActive))
        {
            throw new InvalidOperationException("The consent this referral rests on is withdrawn.");
        }

        Status = ReferralStatus.Accepted;
        DecidedBy = by;
        DecidedAt = at;
        Version++;
        return consent is not null && consent.Scope.HasFlag(ConsentScope.SeeIdentities) ? InvolvementTier.Identities : InvolvementTier.Pseudonyms;
    }

    /// <summary>The receiving service declines; the caller stores the reason.</summary>
    public void Decline(Guid by, DateTimeOffset at)
    {
        EnsurePending();
        Status = ReferralStatus.Declined;
        DecidedBy = by;
        DecidedAt = at;
        Version++;
    }

    /// <summary>The consent it rested on was withdrawn.</summary>
    public void Withdraw(DateTimeOffset at)
    {
        if (Status is ReferralStatus.Declined or ReferralStatus.Withdrawn)
        {
            return;
        }

        Status = ReferralStatus.Withdrawn;
        DecidedAt ??= at;
        Version++;
    }

    public void Erase()
    {
        Request = null;
        Justification = null;
        DeclineReason = null;
    }

    private void EnsurePending()
    {
        if (Status != ReferralStatus.Pending)
        {
            throw new InvalidOperationException("The referral was already decided.");
        }
    }
}
