namespace Cash.Web.HelpRequests;

/// <summary>Settings of the help requests (section <c>Help</c>) and of their limits (section <c>RateLimits</c>).</summary>
public sealed class HelpOptions
{
    public const string Section = "Help";

    /// <summary>A thread with no activity for this many days is deleted, from both sides (PRODUCT.md: forget).</summary>
    public int InactivityDays { get; set; } = 90;

    /// <summary>
    /// How long a resubmission of the same form (a double click, a retry after a network error) shows
    /// the receipt code again. Later it only says the request was sent: an old form left in a
    /// shared browser must not hand the code to the next person.
    /// </summary>
    public int ReceiptReplayMinutes { get; set; } = 15;

    /// <summary>
    /// How long an opened thread stays open at most, counted from the moment the code was typed,
    /// however busy the sender is: then the code is asked again. A page left open on a shared
    /// computer does not keep the thread open for the next person.
    /// </summary>
    public int TicketMaxHours { get; set; } = 4;

    public TimeSpan Inactivity => TimeSpan.FromDays(InactivityDays);

    public TimeSpan TicketMaxAge => TimeSpan.FromHours(Math.Max(1, TicketMaxHours));
}

/// <summary>The anti-abuse limits of the public help pages (section <c>RateLimits</c>).</summary>
public sealed class HelpLimitOptions
{
    /// <summary>Requests one client address may send per hour (a whole school may share one address).</summary>
    public int HelpSubmissionsPerClientPerHour { get; set; } = 20;

    /// <summary>Requests the whole site accepts per hour: a flood cannot fill the inboxes or the disk.</summary>
    public int HelpSubmissionsPerHour { get; set; } = 1000;

    /// <summary>Wrong receipt codes one client may type per window before being refused for the rest of it.</summary>
    public int FollowUpFailuresPerClient { get; set; } = 10;

    /// <summary>Wrong receipt codes the whole site accepts per window: guessing from many addresses stops too.</summary>
    public int FollowUpFailuresGlobal { get; set; } = 500;

    public int FollowUpWindowMinutes { get; set; } = 15;

    /// <summary>The first delay after a wrong code; it doubles with each further failure, up to <see cref="FollowUpMaxDelayMilliseconds"/>.</summary>
    public int FollowUpDelayMilliseconds { get; set; } = 250;

    public int FollowUpMaxDelayMilliseconds { get; set; } = 8000;

    /// <summary>Replies a sender may add to one thread per hour.</summary>
    public int FollowUpRepliesPerThreadPerHour { get; set; } = 20;

    /// <summary>Replies one client may add per hour, all threads together.</summary>
    public int FollowUpRepliesPerClientPerHour { get; set; } = 30;
}
