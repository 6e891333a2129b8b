using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A consent, recorded per service, per purpose and per person (unlike one global flag): who agreed
/// (the young person, a parent or guardian, the adult concerned), for which person of the situation,
/// to what (<see cref="ConsentScope"/>), how and when, and who recorded it. It can be withdrawn: the
/// service then loses what the consent covered from its next request, and the lead service is told.
/// Holds no free text: nothing here names anyone.
/// </summary>
public sealed class Consent : IAuditedRecord
{
    private Consent()
    {
    }

    public Consent(Guid id, Guid situationId, Guid personId, int serviceId, ConsentGiver givenBy, ConsentScope scope, ConsentMethod method, DateOnly givenOn, Guid recordedBy, DateTimeOffset at)
    {
        if (scope == ConsentScope.None)
        {
            throw new InvalidOperationException("A consent is to something.");
        }

        if (!Enum.IsDefined(givenBy) || !Enum.IsDefined(method))
        {
            throw new ArgumentOutOfRangeException(nameof(givenBy));
        }

        Id = id;
        SituationId = situationId;
        PersonId = personId;
        ServiceId = serviceId;
        GivenBy = givenBy;
        Scope = scope;
        Method = method;
        GivenOn = givenOn;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    /// <summary>The person of the situation the consent is about.</summary>
    public Guid PersonId { get; private set; }

    /// <summary>The service the consent is given to.</summary>
    public int ServiceId { get; private set; }

    public ConsentGiver GivenBy { get; private set; }

    public ConsentScope Scope { get; private set; }

    public ConsentMethod Method { get; private set; }

    public DateOnly GivenOn { get; private set; }

    public Guid RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public Guid? WithdrawnBy { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public bool IsActive => WithdrawnAt is null;

    public void Withdraw(Guid by, DateTimeOffset at)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException("The consent was already withdrawn.");
        }

        WithdrawnAt = at;
        WithdrawnBy = by;
    }
}
