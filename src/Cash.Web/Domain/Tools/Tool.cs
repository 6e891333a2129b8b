using Cash.Web.Domain.Audit;

namespace Cash.Web.Domain.Tools;

/// <summary>What a prevention tool is.</summary>
public enum ToolKind
{
    Animation,
    Game,
    Video,
    Booklet,
    Exhibition,
    Other,
}

/// <summary>Whom a tool is for; several at once.</summary>
[Flags]
public enum ToolAudience
{
    None = 0,
    Pupils = 1,
    SchoolStaff = 2,
    Parents = 4,
}

/// <summary>
/// A prevention tool of the network's library (an animation, a game, a video, a booklet, an
/// exhibition): described in Markdown, for an audience and ages, owned by one service, whose members
/// (and the coordinators) edit it; every professional reads it. A physical kit is booked by services
/// (<see cref="ToolBooking"/>). Nothing here is about a person, so nothing is encrypted; every write
/// is audited.
/// </summary>
public sealed class Tool : IAuditedRecord
{
    public const int MaxNameLength = 200;

    public const int MaxDescriptionLength = 10_000;

    public const int MaxDurationLength = 100;

    public const int MinAge = 2;

    public const int MaxAge = 99;

    private Tool()
    {
    }

    public Tool(Guid id, int ownerServiceId, Guid createdBy, DateTimeOffset at)
    {
        Id = id;
        OwnerServiceId = ownerServiceId;
        CreatedBy = createdBy;
        CreatedAt = at;
        UpdatedAt = at;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public ToolKind Kind { get; private set; }

    /// <summary>Markdown, shown through the sanitizing renderer only.</summary>
    public string? Description { get; private set; }

    public ToolAudience Audience { get; private set; }

    public int? AgeFrom { get; private set; }

    public int? AgeTo { get; private set; }

    /// <summary>How long it takes, as people say it ("2 × 50 minutes").</summary>
    public string? Duration { get; private set; }

    /// <summary>The service that owns it: its members edit it.</summary>
    public int OwnerServiceId { get; private set; }

    /// <summary>A physical kit is lent: services book it for dates.</summary>
    public bool IsKit { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Checked on every write of its description: two people editing at once cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// Moved on by every booking and cancellation, and checked on every write: two bookings of one kit
    /// racing each other cannot both be saved, the later one is checked again against the first.
    /// </summary>
    public int BookingSequence { get; private set; }

    string IAuditedRecord.AuditId => Id.ToString();

    public void Describe(string name, ToolKind kind, string? description, ToolAudience audience, int? ageFrom, int? ageTo, string? duration, bool isKit, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (ageFrom is { } from && ageTo is { } to && to < from)
        {
            throw new ArgumentException("The ages end after they start.", nameof(ageTo));
        }

        Name = name.Trim();
        Kind = kind;
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Audience = audience;
        AgeFrom = ageFrom;
        AgeTo = ageTo;
        Duration = string.IsNullOrWhiteSpace(duration) ? null : duration.Trim();
        IsKit = isKit;
        UpdatedAt = at;
        Version++;
    }

    /// <summary>
    /// Books the kit for <paramref name="service"/> from <paramref name="from"/> (taken that morning)
    /// to <paramref name="returnDay"/> (given back that day, when another booking may start), unless
    /// one of <paramref name="active"/> overlaps: then that booking is returned and nothing changes.
    /// </summary>
    public (ToolBooking? Booking, ToolBooking? Conflict) Book(Guid id, int service, DateOnly from, DateOnly returnDay, IEnumerable<ToolBooking> active, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (!IsKit)
        {
            throw new InvalidOperationException("Only a physical kit is booked.");
        }

        var conflict = ToolBooking.FirstOverlap(active.Where(b => b.ToolId == Id), from, returnDay);
        if (conflict is not null)
        {
            return (null, conflict);
        }

        BookingSequence++;
        return (new ToolBooking(id, Id, service, from, returnDay, by, at), null);
    }

    /// <summary>Cancels a booking of this kit; it no longer holds its dates.</summary>
    public void Cancel(ToolBooking booking, Guid by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.ToolId != Id)
        {
            throw new ArgumentException("A booking of another tool.", nameof(booking));
        }

        booking.Cancel(by, at);
        BookingSequence++;
    }
}
