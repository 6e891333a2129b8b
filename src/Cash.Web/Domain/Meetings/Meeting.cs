using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Meetings;

/// <summary>What kind of meeting it is.</summary>
public enum MeetingKind
{
    /// <summary>A meeting of the network's services.</summary>
    NetworkMeeting = 0,

    /// <summary>A consultation about one or more situations.</summary>
    CaseConsultation = 1,
}

/// <summary>Whether an invited service came.</summary>
public enum Attendance
{
    Present = 1,
    Excused = 2,
    Absent = 3,
}

/// <summary>
/// A meeting of the network: its title, time and place are what an invitation and a calendar may
/// carry; its agenda's notes, minutes and decisions may name a child and are encrypted
/// (<c>Meetings/MeetingColumns</c>), bound to the meeting. The services invited see it; the
/// coordinators run it. Minutes are written once it has started; a decision becomes a task once.
/// It may be cancelled before it starts; a cancelled meeting stays in the lists, marked, and takes
/// no change any more.
/// </summary>
public sealed class Meeting : IAuditedRecord
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 300;
    public const int MaxLinkLength = 500;
    public const int MaxMinutesLength = 50_000;

    private Meeting()
    {
    }

    public Meeting(Guid id, MeetingKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, Uri? videoLink, Guid createdBy, DateTimeOffset at)
    {
        Id = id;
        Kind = kind;
        CreatedBy = createdBy;
        CreatedAt = at;
        Title = "";
        Change(kind, title, startsAt, endsAt, place, videoLink);
        Sequence = 0;
    }

    public Guid Id { get; private set; }

    public MeetingKind Kind { get; private set; }

    /// <summary>In clear: invitations and calendars carry it, so it names no one (the form says so).</summary>
    public string Title { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string? Place { get; private set; }

    /// <summary>An https address only.</summary>
    public string? VideoLink { get; private set; }

    /// <summary>The minutes, Markdown, encrypted; null until written.</summary>
    public byte[]? Minutes { get; set; }

    public DateTimeOffset? MinutesWrittenAt { get; private set; }

    /// <summary>The meeting that follows this one, once planned.</summary>
    public Guid? NextMeetingId { get; private set; }

    /// <summary>When it was cancelled (UTC); null while it holds.</summary>
    public DateTimeOffset? CancelledAt { get; private set; }

    public bool IsCancelled => CancelledAt is not null;

    /// <summary>The calendar's SEQUENCE: moves on each change of time or place, and on cancelling, so calendars take the new one.</summary>
    public int Sequence { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Checked on every write: two coordinators changing it at once cannot both win.</summary>
    public int Version { get; private set; }

    public List<MeetingService> Services { get; private set; } = [];

    public List<AgendaItem> AgendaItems { get; private set; } = [];

    public List<MeetingDecision> Decisions { get; private set; } = [];

    string IAuditedRecord.AuditId => Id.ToString();

    public bool HasStartedAt(DateTimeOffset now) => StartsAt <= now;

    /// <summary>Cancels the meeting: only before it starts, and once. Calendars are told through a higher SEQUENCE.</summary>
    public void Cancel(DateTimeOffset now)
    {
        EnsureNotCancelled();
        if (HasStartedAt(now))
        {
            throw new InvalidOperationException("A meeting that has started cannot be cancelled.");
        }

        CancelledAt = now.ToUniversalTime();
        Sequence++;
        Version++;
    }

    /// <summary>Changes what it is and when and where; true when the time or place moved (then invitations go again).</summary>
    public bool Change(MeetingKind kind, string title, DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, Uri? videoLink)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        EnsureNotCancelled();
        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A meeting ends after it starts.", nameof(endsAt));
        }

        if (videoLink is not null && (!videoLink.IsAbsoluteUri || videoLink.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("A video link is an https address.", nameof(videoLink));
        }

        var link = videoLink?.AbsoluteUri;
        var trimmedPlace = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        var moved = StartsAt.UtcTicks != startsAt.UtcTicks || EndsAt.UtcTicks != endsAt.UtcTicks || Place != trimmedPlace || VideoLink != link || Title != title.Trim();
        Kind = kind;
        Title = title.Trim();

        // Instants in UTC: the database orders and compares them as stored.
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        Place = trimmedPlace;
        VideoLink = link;
        if (moved)
        {
            Sequence++;
        }

        Version++;
        return moved;
    }

    /// <summary>Invites exactly these services (those already invited keep their attendance).</summary>
    public void InviteOnly(IReadOnlyCollection<int> serviceIds)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        EnsureNotCancelled();
        Services.RemoveAll(s => !serviceIds.Contains(s.PartnerServiceId));
        foreach (var id in serviceIds.Where(id => Services.All(s => s.PartnerServiceId != id)))
        {
            Services.Add(new MeetingService(Id, id));
        }

        Version++;
    }

    /// <summary>Who came, per invited service: only once the meeting has started.</summary>
    public void RecordAttendance(int serviceId, Attendance? attendance, DateTimeOffset now)
    {
        EnsureStarted(now);
        var invited = Services.SingleOrDefault(s => s.PartnerServiceId == serviceId)
            ?? throw new InvalidOperationException("That service is not invited.");
        invited.Attendance = attendance;
        Version++;
    }

    /// <param name="minutes">The minutes, already encrypted under <c>MeetingColumns.Minutes</c>.</param>
    public void WriteMinutes(byte[] minutes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        EnsureStarted(now);
        Minutes = minutes;
        MinutesWrittenAt = now;
        Version++;
    }

    public AgendaItem AddAgendaItem(Guid id, string title, Guid? situationId)
    {
        EnsureNotCancelled();
        var item = new AgendaItem(id, Id, AgendaItems.Count == 0 ? 1 : AgendaItems.Max(i => i.Position) + 1, title, situationId);
        AgendaItems.Add(item);
        Version++;
        return item;
    }

    public MeetingDecision AddDecision(Guid id, int serviceId, DateOnly? dueOn, DateTimeOffset now)
    {
        EnsureStarted(now);
        var decision = new MeetingDecision(id, Id, Decisions.Count == 0 ? 1 : Decisions.Max(d => d.Position) + 1, serviceId, dueOn);
        Decisions.Add(decision);
        Version++;
        return decision;
    }

    /// <summary>Points to the meeting that follows; a meeting is not its own follower.</summary>
    public void FollowedBy(Guid nextMeetingId)
    {
        if (nextMeetingId == Id)
        {
            throw new ArgumentException("A meeting does not follow itself.", nameof(nextMeetingId));
        }

        EnsureNotCancelled();

        NextMeetingId = nextMeetingId;
        Version++;
    }

    /// <summary>Marks that a decision became a task; a second time is refused.</summary>
    public void DecisionTurnedIntoTask(MeetingDecision decision, Guid taskId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!Decisions.Contains(decision))
        {
            throw new InvalidOperationException("Not a decision of this meeting.");
        }

        EnsureNotCancelled();

        decision.BecameTask(taskId);
        Version++;
    }

    /// <summary>The one guard of every change: a cancelled meeting takes none.</summary>
    private void EnsureNotCancelled()
    {
        if (IsCancelled)
        {
            throw new InvalidOperationException("The meeting is cancelled.");
        }
    }

    private void EnsureStarted(DateTimeOffset now)
    {
        EnsureNotCancelled();
        if (!HasStartedAt(now))
        {
            throw new InvalidOperationException("The meeting has not started yet.");
        }
    }
}

/// <summary>A service invited to a meeting, and whether it came.</summary>
public sealed class MeetingService
{
    private MeetingService()
    {
    }

    public MeetingService(Guid meetingId, int partnerServiceId)
    {
        MeetingId = meetingId;
        PartnerServiceId = partnerServiceId;
    }

    public Guid MeetingId { get; private set; }

    public int PartnerServiceId { get; private set; }

    public Attendance? Attendance { get; set; }
}

/// <summary>An item of the agenda: a title, optional encrypted notes, and optionally the situation it is about (by id).</summary>
public sealed class AgendaItem
{
    public const int MaxTitleLength = 200;
    public const int MaxNotesLength = 5_000;

    private AgendaItem()
    {
    }

    internal AgendaItem(Guid id, Guid meetingId, int position, string title, Guid? situationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Id = id;
        MeetingId = meetingId;
        Position = position;
        Title = title.Trim();
        SituationId = situationId;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Position { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>Notes, encrypted under <c>MeetingColumns.AgendaNotes</c>.</summary>
    public byte[]? Notes { get; set; }

    public Guid? SituationId { get; private set; }

    /// <summary>Forgets the notes when the situation the item points to is erased (its title names nobody).</summary>
    public void Erase() => Notes = null;
}

/// <summary>A decision of a meeting: its text (encrypted), the service it goes to, an optional due day; it becomes a task once.</summary>
public sealed class MeetingDecision
{
    /// <summary>As long as a task's title can be, since it becomes one.</summary>
    public const int MaxTextLength = Tasks.WorkTask.MaxTitleLength;

    private MeetingDecision()
    {
    }

    internal MeetingDecision(Guid id, Guid meetingId, int position, int serviceId, DateOnly? dueOn)
    {
        Id = id;
        MeetingId = meetingId;
        Position = position;
        ServiceId = serviceId;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public int Position { get; private set; }

    /// <summary>The text, encrypted under <c>MeetingColumns.DecisionText</c>.</summary>
    public byte[]? Text { get; set; }

    public int ServiceId { get; private set; }

    public DateOnly? DueOn { get; private set; }

    /// <summary>The task it became, once.</summary>
    public Guid? TaskId { get; private set; }

    internal void BecameTask(Guid taskId)
    {
        if (TaskId is not null)
        {
            throw new InvalidOperationException("This decision is already a task.");
        }

        TaskId = taskId;
    }
}
