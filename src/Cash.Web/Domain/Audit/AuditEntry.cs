namespace Cash.Web.Domain.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which record, when, and how it went.
/// Never any content: no names, no e-mail addresses, no texts. Each entry's <see cref="Hash"/>
/// chains it to the previous one with a key kept outside the database.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(string action, AuditOutcome outcome, Guid? actorId, int? partnerServiceId, string? entityType, string? entityId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        Action = action;
        Outcome = outcome;
        ActorId = actorId;
        PartnerServiceId = partnerServiceId;
        EntityType = entityType;
        EntityId = entityId;
    }

    /// <summary>An entry as read back from the database, field by field, to be checked against its seal.</summary>
    public static AuditEntry Stored(long sequence, DateTimeOffset at, Guid? actorId, int? partnerServiceId, string action, string? entityType, string? entityId, AuditOutcome outcome, byte[] hash) =>
        new()
        {
            Sequence = sequence,
            At = at,
            ActorId = actorId,
            PartnerServiceId = partnerServiceId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Outcome = outcome,
            Hash = hash,
        };

    /// <summary>1, 2, 3… without gaps: a missing number is a deleted entry.</summary>
    public long Sequence { get; private set; }

    /// <summary>UTC, to the millisecond (both databases keep that exactly, so the hash verifies on both).</summary>
    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public int? PartnerServiceId { get; private set; }

    /// <summary>A name from <see cref="AuditActions"/>.</summary>
    public string Action { get; private set; } = "";

    public string? EntityType { get; private set; }

    public string? EntityId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    /// <summary>HMAC-SHA256 over this entry's fields and the previous entry's hash.</summary>
    public byte[] Hash { get; private set; } = [];

    /// <summary>Places the entry in the chain; done once, by the audit trail, under its lock.</summary>
    public void Seal(long sequence, DateTimeOffset at, byte[] hash)
    {
        if (Sequence != 0)
        {
            throw new InvalidOperationException("An audit entry is sealed once.");
        }

        Sequence = sequence;
        At = TruncateToMilliseconds(at);
        Hash = hash;
    }

    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,
    Denied = 2,
}
