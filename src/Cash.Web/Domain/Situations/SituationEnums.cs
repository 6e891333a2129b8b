namespace Cash.Web.Domain.Situations;

/// <summary>How the situation reached the service that opened it.</summary>
public enum SituationChannel
{
    HelpRequest = 0,
    Phone = 1,
    Desk = 2,
    Email = 3,
    School = 4,
    Police = 5,
    Other = 6,
}

/// <summary>How serious the situation is, on a four-level scale each defined in one line (resources).</summary>
public enum Severity
{
    Concern = 1,
    Repeated = 2,
    Serious = 3,
    Danger = 4,
}

public enum SituationStatus
{
    Open = 0,
    InProgress = 1,
    Closed = 2,
}

/// <summary>How a situation ended, asked for when it is closed.</summary>
public enum SituationOutcome
{
    Improved = 0,
    Resolved = 1,
    ReferredOutsideCash = 2,
    NoFurtherContact = 3,
    Other = 4,
}

/// <summary>The part a person plays in the situation.</summary>
public enum PersonRole
{
    TargetedYoungPerson = 0,
    YoungPersonWhoBullies = 1,
    Witness = 2,
    ParentOrGuardian = 3,
    SchoolStaff = 4,
    Other = 5,
}

/// <summary>What a journal entry records.</summary>
public enum JournalKind
{
    Contact = 0,
    Interview = 1,
    Call = 2,
    Meeting = 3,
    ClassAction = 4,
    Note = 5,

    /// <summary>Written by the platform when the severity changes: the reason given.</summary>
    SeverityChange = 6,
}

/// <summary>Who may read a journal entry among the services involved.</summary>
public enum SharingTier
{
    /// <summary>Every service involved in the situation ("partagé").</summary>
    Shared = 0,

    /// <summary>Only the members of the service that wrote it ("mon service seulement").</summary>
    OwnService = 1,
}

/// <summary>How far an involved service sees into the situation.</summary>
public enum InvolvementTier
{
    /// <summary>The service that opened the situation: everything, identities included.</summary>
    Lead = 0,

    /// <summary>Joined with consent to see the people's identities (per person, as the consents say).</summary>
    Identities = 1,

    /// <summary>Joined without consent to identities: pseudonyms only.</summary>
    Pseudonyms = 2,
}

/// <summary>Who gave a consent.</summary>
public enum ConsentGiver
{
    YoungPerson = 0,
    ParentOrGuardian = 1,
    AdultConcerned = 2,
}

/// <summary>What a consent allows; several at once.</summary>
[Flags]
public enum ConsentScope
{
    None = 0,
    JoinSituation = 1 << 0,
    SeeIdentities = 1 << 1,
    ContactSchool = 1 << 2,
    ContactParents = 1 << 3,
    AccompanyComplaint = 1 << 4,
}

/// <summary>How a consent was given.</summary>
public enum ConsentMethod
{
    InPerson = 0,
    Phone = 1,
    InWriting = 2,
    HelpThread = 3,
}

/// <summary>The legal ground of a referral made without consent.</summary>
public enum LegalBasis
{
    /// <summary>None: the referral rests on a consent.</summary>
    None = 0,

    /// <summary>Serious and imminent danger to a minor (Code pénal, art. 458bis).</summary>
    SeriousImminentDanger = 1,

    /// <summary>A person in danger (Code pénal, art. 422bis).</summary>
    PersonInDanger = 2,
}

public enum ReferralStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,

    /// <summary>The consent it rested on was withdrawn: the service it joined lost access.</summary>
    Withdrawn = 3,
}

/// <summary>The files a situation accepts, recognised from their first bytes.</summary>
public enum DocumentType
{
    Pdf = 0,
    Png = 1,
    Jpeg = 2,
}
