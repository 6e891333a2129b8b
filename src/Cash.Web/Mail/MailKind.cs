namespace Cash.Web.Mail;

/// <summary>What a message is about, the only thing about it that reaches the logs.</summary>
public enum MailKind
{
    Invitation,
    Notification,
    PasswordReset,
    SecondFactorReset,
    SecondFactorResetNotice,

    /// <summary>To a service: another service asks it to join a situation.</summary>
    ReferralReceived,

    /// <summary>To the referring service: the service it asked has decided.</summary>
    ReferralDecided,

    /// <summary>To the lead service: a consent was withdrawn in a situation it leads.</summary>
    ConsentWithdrawn,

    /// <summary>To the coordinators: a service was asked to join without consent, on a legal basis.</summary>
    ReferralOnLegalBasis,

    /// <summary>To a person: how many of their tasks are due by the next working day or overdue, nothing else.</summary>
    TaskReminder,

    /// <summary>To an invited service: a meeting, with its calendar entry attached (title, time and place only).</summary>
    MeetingInvitation,

    /// <summary>To an invited service: a meeting is cancelled, with the calendar cancellation attached (title, time and place only).</summary>
    MeetingCancellation,
}
