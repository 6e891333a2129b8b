using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;

namespace Cash.Web.Domain.Situations;

/// <summary>
/// A person involved in one situation, pseudonymised by default: a role, a pseudonym or initials
/// (required), an age band, a school and class. The identity (names, date of birth, contacts) is
/// optional and shown only to the lead service and to services whose consent for this person
/// covers identities. Both the pseudonym and the identity are encrypted, bound to this person and
/// situation. A person appears in another situation only by being entered again: nothing links
/// two situations' people.
/// </summary>
public sealed class InvolvedPerson : IAuditedRecord
{
    public const int MaxPseudonymLength = 40;

    private InvolvedPerson()
    {
    }

    public InvolvedPerson(Guid id, Guid situationId, PersonRole role, DateTimeOffset at)
    {
        Id = id;
        SituationId = situationId;
        Role = role;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid SituationId { get; private set; }

    public PersonRole Role { get; set; }

    /// <summary>The pseudonym or initials, encrypted; null once erased.</summary>
    public byte[]? Pseudonym { get; set; }

    public AgeBand AgeBand { get; set; }

    /// <summary>The age in years, when known exactly.</summary>
    public int? Age { get; set; }

    public int? SchoolId { get; set; }

    public string? ClassName { get; set; }

    /// <summary>The identity (<see cref="PersonIdentity"/> as JSON), encrypted; null when not given or erased.</summary>
    public byte[]? Identity { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>For the access rules, which read the situation's involved services in the query.</summary>
    public Situation? Situation { get; private set; }

    /// <summary>The consents about this person, for the rule that shows an identity.</summary>
    public List<Consent> Consents { get; private set; } = [];

    string IAuditedRecord.AuditId => Id.ToString();

    /// <summary>Forgets everything but the role and the age band (retention).</summary>
    public void Erase()
    {
        Pseudonym = null;
        Identity = null;
        Age = null;
        ClassName = null;
    }
}

/// <summary>The optional identity of an involved person, stored encrypted as one value.</summary>
public sealed record PersonIdentity(string? FirstName, string? LastName, DateOnly? BirthDate, string? Contact, string? ParentsContact)
{
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(FirstName) && string.IsNullOrWhiteSpace(LastName) && BirthDate is null
        && string.IsNullOrWhiteSpace(Contact) && string.IsNullOrWhiteSpace(ParentsContact);
}
