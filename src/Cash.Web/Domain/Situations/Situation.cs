using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A bullying situation that one or several services of the network work on together: the shared
/// case file. Opened by a member of a service, its <see cref="LeadServiceId"/>; other services join
/// only through a <see cref="Referral"/> resting on a <see cref="Consent"/> (or a stated legal
/// basis), and are listed in <see cref="Services"/>, the join table every access rule reads. The
/// summary and everything that names or describes a person are encrypted, bound to their record;
/// the facts (school, forms, severity, channel, services, dates, outcome) stay in clear for the
/// statistics and survive the erasure that follows <c>Situations:RetentionMonths</c> after closing.
/// </summary>
public sealed class Situation : IAuditedRecord
{
    /// <summary>The longest free text: a summary, a journal entry, a referral's request.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The longest reason or justification (a severity change, a decline, a legal basis).</summary>
    public const int MaxReasonLength = 2_000;

    public const int MaxClassLength = 20;

    private Situation()
    {
    }

    public Situation(Guid id, string reference, int leadServiceId, Guid openedBy, SituationChannel channel, Severity severity, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity));
        }

        Id = id;
        Reference = reference;
        LeadServiceId = leadServiceId;
        OpenedBy = openedBy;
        Channel = channel;
        Severity = severity;
        Status = SituationStatus.Open;
        CreatedAt = at;
        LastActivityAt = at;
        Services.Add(new InvolvedService(id, leadServiceId, InvolvementTier.Lead, referralId: null, at));
    }

    public Guid Id { get; private set; }

    /// <summary>A reference that reveals nothing (no sequence, no name), e.g. <c>S-7KQ2-9F</c>.</summary>
    public string Reference { get; private set; } = "";

    public int LeadServiceId { get; private set; }

    public Guid OpenedBy { get; private set; }

    public SituationChannel Channel { get; private set; }

    /// <summary>The help request it was opened from, when it was; the sender's thread keeps working.</summary>
    public Guid? HelpRequestId { get; private set; }

    /// <summary>The school where it happens; null outside school (or not known).</summary>
    public int? SchoolId { get; set; }

    /// <summary>The class, as the school names it (e.g. <c>2B</c>).</summary>
    public string? ClassName { get; set; }

    public bool OutsideSchool { get; set; }

    public BullyingForm Forms { get; set; }

    public bool HappensOnline { get; set; }

    public Duration Since { get; set; }

    public Severity Severity { get; private set; }

    public SituationStatus Status { get; private set; }

    public SituationOutcome? Outcome { get; private set; }

    /// <summary>What is happening, encrypted; null once erased.</summary>
    public byte[]? Summary { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last change or entry: lists sort by it.</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the retention job erased what named or described anyone; from then on only facts remain.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>
    /// Counts the shared journal entries, for the metadata a coordinator sees (never their content).
    /// Entries kept to their author's service are not counted: the number would tell the other services they exist.
    /// </summary>
    public int EntryCount { get; private set; }

    /// <summary>Checked on every write: two people changing the situation at once cannot undo each other.</summary>
    public int Version { get; private set; }

    public List<InvolvedService> Services { get; private set; } = [];

    string IAuditedRecord.AuditId => Id.ToString();

    public bool IsClosed => Status == SituationStatus.Closed;

    public bool IsErased => ErasedAt is not null;

    /// <summary>Links the situation to the help request it was opened from.</summary>
    public void OpenedFrom(Guid helpRequestId)
    {
        if (HelpRequestId is not null && HelpRequestId != helpRequestId)
        {
            throw new InvalidOperationException("The situation was opened from another help request.");
        }

        HelpRequestId = helpRequestId;
        Channel = SituationChannel.HelpRequest;
    }

    /// <summary>Marks that someone works on it; an open situation moves to "in progress".</summary>
    public void Touch(DateTimeOffset at)
    {
        EnsureNotErased();
        if (Status == SituationStatus.Open)
        {
            Status = SituationStatus.InProgress;
        }

        LastActivityAt = at;
        Version++;
    }

    /// <summary>Changes the severity; the caller writes the reason to the journal (<see cref="JournalEntry.SeverityChanged"/>).</summary>
    public void ChangeSeverity(Severity severity, DateTimeOffset at)
    {
        EnsureOpen();
        if (!Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity));
        }

        if (severity == Severity)
        {
            throw new InvalidOperationException("The severity is already that one.");
        }

        Severity = severity;
        Touch(at);
    }

    public void Close(SituationOutcome outcome, DateTimeOffset at)
    {
        EnsureOpen();
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome));
        }

        Status = SituationStatus.Closed;
        Outcome = outcome;
        ClosedAt = at;
        LastActivityAt = at;
        Version++;
    }

    /// <summary>Reopens a closed situation, possible until its content is erased.</summary>
    public void Reopen(DateTimeOffset at)
    {
        EnsureNotErased();
        if (!IsClosed)
        {
            throw new InvalidOperationException("Only a closed situation can be reopened.");
        }

        Status = SituationStatus.InProgress;
        Outcome = null;
        ClosedAt = null;
        LastActivityAt = at;
        Version++;
    }

    /// <summary>Counts one more shared journal entry.</summary>
    public void EntryWritten(DateTimeOffset at)
    {
        EnsureNotErased();
        EntryCount++;
        Touch(at);
    }

    /// <summary>
    /// A journal entry kept to its author's service was written: checked against other changes like
    /// any write (an erasure meanwhile refuses it), but neither counted nor shown as activity, so the
    /// other services learn nothing of it from the count, the status or the lists' order.
    /// </summary>
    public void PrivateEntryWritten()
    {
        EnsureNotErased();
        Version++;
    }

    /// <summary>The service joins (or, already there, takes the tier the new referral allows, if wider).</summary>
    public InvolvedService Involve(int serviceId, InvolvementTier tier, Guid referralId, DateTimeOffset at)
    {
        EnsureOpen();
        if (tier == InvolvementTier.Lead)
        {
            throw new ArgumentOutOfRangeException(nameof(tier), "A situation has one lead service, the one that opened it.");
        }

        var current = Services.FirstOrDefault(s => s.PartnerServiceId == serviceId && s.IsActive);
        if (current is not null)
        {
            current.Widen(tier, referralId);
            Touch(at);
            return current;
        }

        var joined = new InvolvedService(Id, serviceId, tier, referralId, at);
        Services.Add(joined);
        Touch(at);
        return joined;
    }

    /// <summary>
    /// A consent was withdrawn but another basis keeps the service in: it keeps at most
    /// <paramref name="tier"/> (never wider than it had), since what the withdrawn consent allowed is gone.
    /// </summary>
    public void Narrow(int serviceId, InvolvementTier tier, DateTimeOffset at)
    {
        if (tier == InvolvementTier.Lead || !Enum.IsDefined(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), "Only the lead service has the lead tier.");
        }

        foreach (var involvement in Services.Where(s => s.PartnerServiceId == serviceId && s.IsActive && s.Tier != InvolvementTier.Lead))
        {
            involvement.NarrowTo(tier);
        }

        LastActivityAt = at;
        Version++;
    }

    /// <summary>The service leaves (its consent was withdrawn): from the next request it sees nothing of the situation.</summary>
    public void Release(int serviceId, DateTimeOffset at)
    {
        if (serviceId == LeadServiceId)
        {
            throw new InvalidOperationException("The lead service cannot leave its own situation.");
        }

        foreach (var involvement in Services.Where(s => s.PartnerServiceId == serviceId && s.IsActive))
        {
            involvement.End(at);
        }

        LastActivityAt = at;
        Version++;
    }

    /// <summary>
    /// Keeps only the anonymous facts: the caller clears the people, journal texts, referral texts and
    /// documents in the same save. Only a closed situation is erased.
    /// </summary>
    public void Erase(DateTimeOffset at)
    {
        if (!IsClosed)
        {
            throw new InvalidOperationException("Only a closed situation is erased.");
        }

        EnsureNotErased();
        Summary = null;
        ClassName = null;
        ErasedAt = at;
        Version++;
    }

    public void EnsureOpen()
    {
        EnsureNotErased();
        if (IsClosed)
        {
            throw new InvalidOperationException("The situation is closed.");
        }
    }

    private void EnsureNotErased()
    {
        if (IsErased)
        {
            throw new InvalidOperationException("The situation's content was erased.");
        }
    }
}

/// <summary>A service involved in a situation: the join table of the access rule.</summary>
public sealed class InvolvedService
{
    private InvolvedService()
    {
    }

    public InvolvedService(Guid situationId, int partnerServiceId, InvolvementTier tier, Guid? referralId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        SituationId = situationId;
        PartnerServiceId = partnerServiceId;
        Tier = tier;
        ReferralId = referralId;
        Since = at;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public int PartnerServiceId { get; private set; }

    public InvolvementTier Tier { get; private set; }

    /// <summary>The referral the service joined through; null for the lead service.</summary>
    public Guid? ReferralId { get; private set; }

    public DateTimeOffset Since { get; private set; }

    /// <summary>When the service left (its consent was withdrawn); it then sees nothing.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsActive => EndedAt is null;

    internal void Widen(InvolvementTier tier, Guid referralId)
    {
        if (tier < Tier)
        {
            Tier = tier;
            ReferralId = referralId;
        }
    }

    internal void NarrowTo(InvolvementTier tier)
    {
        if (tier > Tier)
        {
            Tier = tier;
        }
    }

    internal void End(DateTimeOffset at) => EndedAt ??= at;
}
