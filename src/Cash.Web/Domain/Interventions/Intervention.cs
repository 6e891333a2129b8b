using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Situations;

namespace Cash.Web.Domain.Interventions;

/// <summary>
/// A joint intervention: an action in a school's classes, run by one or several services together,
/// linked to a situation or not. The organising service plans it and invites the others; each
/// invited service answers for itself (<see cref="InterventionService"/>) and names who comes. Once
/// it took place the organiser writes the report (pupils reached, what was done, the follow-up) and
/// it is done; until then it may be cancelled. The plan and the report's texts may describe pupils,
/// so they are encrypted, bound to the intervention and to its situation
/// (<c>Interventions/InterventionColumns</c>). Times are UTC instants; a day is a Brussels day.
/// </summary>
public sealed class Intervention : IAuditedRecord
{
    public const int MaxClassesLength = 200;

    public const int MaxToolLength = 200;

    public const int MaxTextLength = 5_000;

    public const int MaxPupils = 10_000;

    private readonly List<InterventionService> services = [];

    private readonly List<InterventionPerson> people = [];

    private Intervention()
    {
    }

    public Intervention(Guid id, int organiserServiceId, int schoolId, Guid? situationId, Guid createdBy, DateTimeOffset at)
    {
        Id = id;
        OrganiserServiceId = organiserServiceId;
        SchoolId = schoolId;
        SituationId = situationId;
        CreatedBy = createdBy;
        CreatedAt = at;
        Status = InterventionStatus.Planned;

        // The organiser takes part, by definition.
        services.Add(new InterventionService(id, organiserServiceId, ParticipationStatus.Confirmed, at));
    }

    public Guid Id { get; private set; }

    /// <summary>The service that organises it: it edits the plan, invites, reports and cancels.</summary>
    public int OrganiserServiceId { get; private set; }

    public int SchoolId { get; private set; }

    /// <summary>The classes concerned, as the school names them ("3e B, 3e C").</summary>
    public string? Classes { get; private set; }

    /// <summary>When it starts and ends (UTC); both on the same Brussels day.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The prevention tool used (free text until the network's library exists).</summary>
    public string? Tool { get; private set; }

    /// <summary>The plan, encrypted.</summary>
    public byte[]? Plan { get; set; }

    /// <summary>The situation it answers, if any: only those who may see that situation see the link's content.</summary>
    public Guid? SituationId { get; private set; }

    /// <summary>For the access rules' queries only.</summary>
    public Situation? Situation { get; private set; }

    public InterventionStatus Status { get; private set; }

    public int? PupilsReached { get; private set; }

    /// <summary>What was done and the follow-up, encrypted.</summary>
    public byte[]? ReportText { get; set; }

    public byte[]? FollowUp { get; set; }

    /// <summary>The Brussels day the report was written on.</summary>
    public DateOnly? ReportedOn { get; private set; }

    public Guid? ReportedBy { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public Guid? CancelledBy { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Checked on every write: two people changing it at once cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<InterventionService> Services => services;

    public IReadOnlyList<InterventionPerson> People => people;

    string IAuditedRecord.AuditId => Id.ToString();

    public bool IsPlanned => Status == InterventionStatus.Planned;

    /// <summary>The Brussels day it takes place on.</summary>
    public DateOnly Day => Brussels.DayOf(StartsAt);

    /// <summary>Sets where and when: <paramref name="start"/> and <paramref name="end"/> are Brussels times of <paramref name="day"/>.</summary>
    public void Schedule(int schoolId, string? classes, DateOnly day, TimeOnly start, TimeOnly end, string? tool)
    {
        EnsurePlanned();
        if (end <= start)
        {
            throw new ArgumentException("An intervention ends after it starts.", nameof(end));
        }

        SchoolId = schoolId;
        Classes = string.IsNullOrWhiteSpace(classes) ? null : classes.Trim();
        Tool = string.IsNullOrWhiteSpace(tool) ? null : tool.Trim();
        StartsAt = AtBrussels(day, start);
        EndsAt = AtBrussels(day, end);
        Version++;
    }

    /// <summary>Invites a service; one that declined is asked again.</summary>
    public void Invite(int serviceId, DateTimeOffset at)
    {
        EnsurePlanned();
        var existing = services.Find(s => s.PartnerServiceId == serviceId);
        if (existing is null)
        {
            services.Add(new InterventionService(Id, serviceId, ParticipationStatus.Invited, at));
        }
        else if (existing.Status == ParticipationStatus.Declined)
        {
            existing.AskAgain(at);
        }

        Version++;
    }

    /// <summary>A service confirms for itself, naming the members it sends (they replace any named before).</summary>
    public void Confirm(int serviceId, IReadOnlyCollection<Guid> coming, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(coming);
        EnsurePlanned();
        ParticipationOf(serviceId).Confirm(by, at);
        people.RemoveAll(p => p.ServiceId == serviceId);
        foreach (var person in coming.Distinct())
        {
            people.Add(new InterventionPerson(Id, person, serviceId));
        }

        Version++;
    }

    /// <summary>A service declines for itself; nobody of it comes. The organiser cannot decline its own intervention.</summary>
    /// <param name="reason">The reason, already encrypted, or none.</param>
    public void Decline(int serviceId, byte[]? reason, Guid by, DateTimeOffset at)
    {
        EnsurePlanned();
        if (serviceId == OrganiserServiceId)
        {
            throw new InvalidOperationException("The organising service takes part; it cancels instead.");
        }

        ParticipationOf(serviceId).Decline(reason, by, at);
        people.RemoveAll(p => p.ServiceId == serviceId);
        Version++;
    }

    /// <summary>Changes the plan (already encrypted).</summary>
    public void ChangePlan(byte[]? plan)
    {
        EnsurePlanned();
        Plan = plan;
        Version++;
    }

    /// <summary>Writes the report (texts already encrypted): the intervention is done.</summary>
    public void Report(int pupilsReached, byte[] whatWasDone, byte[]? followUp, DateOnly on, Guid by)
    {
        ArgumentNullException.ThrowIfNull(whatWasDone);
        EnsurePlanned();
        if (pupilsReached is < 0 or > MaxPupils)
        {
            throw new ArgumentOutOfRangeException(nameof(pupilsReached));
        }

        PupilsReached = pupilsReached;
        ReportText = whatWasDone;
        FollowUp = followUp;
        ReportedOn = on;
        ReportedBy = by;
        Status = InterventionStatus.Done;
        Version++;
    }

    public void Cancel(Guid by, DateTimeOffset at)
    {
        EnsurePlanned();
        Status = InterventionStatus.Cancelled;
        CancelledAt = at;
        CancelledBy = by;
        Version++;
    }

    /// <summary>
    /// Forgets what may describe anyone when the situation it answers is erased: the classes, the plan,
    /// the report's texts and the services' reasons. The facts stay: school, day, services, pupils reached.
    /// </summary>
    public void Erase()
    {
        Classes = null;
        Plan = null;
        ReportText = null;
        FollowUp = null;
        foreach (var service in services)
        {
            service.DeclineReason = null;
        }
    }

    /// <summary>A report can be written once the intervention has begun (Brussels time).</summary>
    public bool CanReportAt(DateTimeOffset now) => IsPlanned && now >= StartsAt;

    public InterventionService? ParticipationOfOrNull(int serviceId) => services.Find(s => s.PartnerServiceId == serviceId);

    private InterventionService ParticipationOf(int serviceId) =>
        ParticipationOfOrNull(serviceId) ?? throw new InvalidOperationException("This service is not invited.");

    private static DateTimeOffset AtBrussels(DateOnly day, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), Brussels.Zone), TimeSpan.Zero);

    private void EnsurePlanned()
    {
        if (!IsPlanned)
        {
            throw new InvalidOperationException("The intervention is no longer planned.");
        }
    }
}

/// <summary>A service's part in an intervention: invited, then confirmed or declined by that service itself.</summary>
public sealed class InterventionService
{
    public const int MaxReasonLength = 500;

    private InterventionService()
    {
    }

    internal InterventionService(Guid interventionId, int serviceId, ParticipationStatus status, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        InterventionId = interventionId;
        PartnerServiceId = serviceId;
        Status = status;
        InvitedAt = at;
        if (status == ParticipationStatus.Confirmed)
        {
            AnsweredAt = at;
        }
    }

    public Guid Id { get; private set; }

    public Guid InterventionId { get; private set; }

    public int PartnerServiceId { get; private set; }

    public ParticipationStatus Status { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public Guid? AnsweredBy { get; private set; }

    /// <summary>Why it declined, encrypted; optional.</summary>
    public byte[]? DeclineReason { get; set; }

    internal void Confirm(Guid by, DateTimeOffset at)
    {
        Status = ParticipationStatus.Confirmed;
        DeclineReason = null;
        AnsweredAt = at;
        AnsweredBy = by;
    }

    internal void Decline(byte[]? reason, Guid by, DateTimeOffset at)
    {
        Status = ParticipationStatus.Declined;
        DeclineReason = reason;
        AnsweredAt = at;
        AnsweredBy = by;
    }

    internal void AskAgain(DateTimeOffset at)
    {
        Status = ParticipationStatus.Invited;
        DeclineReason = null;
        InvitedAt = at;
        AnsweredAt = null;
        AnsweredBy = null;
    }
}

/// <summary>A member of a taking-part service who comes.</summary>
public sealed class InterventionPerson
{
    private InterventionPerson()
    {
    }

    internal InterventionPerson(Guid interventionId, Guid professionalId, int serviceId)
    {
        InterventionId = interventionId;
        ProfessionalId = professionalId;
        ServiceId = serviceId;
    }

    public Guid InterventionId { get; private set; }

    public Guid ProfessionalId { get; private set; }

    public int ServiceId { get; private set; }
}

public enum InterventionStatus
{
    Planned = 0,
    Done = 1,
    Cancelled = 2,
}

public enum ParticipationStatus
{
    Invited = 0,
    Confirmed = 1,
    Declined = 2,
}
