namespace Cash.Web.Domain.Help;

/// <summary>Who writes or uses the assistant ("qui es-tu ?").</summary>
public enum SenderRole
{
    YoungTarget = 0,
    YoungWitness = 1,
    YoungAuthor = 2,
    Parent = 3,
    SchoolStaff = 4,
    Other = 5,
}

/// <summary>How old the young person is, in bands wide enough to identify nobody.</summary>
public enum AgeBand
{
    Unknown = 0,
    Under10 = 1,
    From10To12 = 2,
    From13To15 = 3,
    From16To18 = 4,
    Over18 = 5,
}

/// <summary>The forms of bullying (PRODUCT.md); several at once are common.</summary>
[Flags]
public enum BullyingForm
{
    None = 0,
    Physical = 1 << 0,
    Verbal = 1 << 1,
    Relational = 1 << 2,
    Cyber = 1 << 3,
    Sexual = 1 << 4,
    Discriminatory = 1 << 5,
}

/// <summary>Since when it has been happening.</summary>
public enum Duration
{
    Unknown = 0,
    Days = 1,
    Weeks = 2,
    Months = 3,
    OverAYear = 4,
}

/// <summary>What would help ("qu'est-ce qui t'aiderait ?").</summary>
[Flags]
public enum HelpWish
{
    None = 0,
    Listening = 1 << 0,
    Advice = 1 << 1,
    ActionAtSchool = 1 << 2,
    PsychologicalSupport = 1 << 3,
    LegalInformation = 1 << 4,
    ComplaintInformation = 1 << 5,
    DontKnow = 1 << 6,
}

/// <summary>How the sender gets the answer: here with the receipt code (the default), or by e-mail or phone.</summary>
public enum ReplyChannel
{
    Receipt = 0,
    Email = 1,
    Phone = 2,
}

public enum HelpRequestStatus
{
    New = 0,
    Acknowledged = 1,
    Closed = 2,
}

/// <summary>How a request ended.</summary>
public enum HelpOutcome
{
    Answered = 0,
    OrientedElsewhere = 1,
    NoNewsFromSender = 2,
    Spam = 3,
    ClosedBySender = 4,
    Expired = 5,
}

/// <summary>Who wrote a message of a request's thread.</summary>
public enum MessageAuthor
{
    Sender = 0,
    Service = 1,
}
