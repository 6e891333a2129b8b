namespace Cash.Web.Domain.Meetings;

/// <summary>
/// A person's secret calendar address (<c>/agenda/{token}.ics</c>). Only a keyed hash of its token is
/// stored (<c>Meetings/CalendarFeedTokens</c>), bound to the feed and the person; a revoked feed opens nothing.
/// </summary>
public sealed class CalendarFeed
{
    private CalendarFeed()
    {
    }

    public CalendarFeed(Guid id, Guid professionalId, DateTimeOffset at)
    {
        Id = id;
        ProfessionalId = professionalId;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ProfessionalId { get; private set; }

    /// <summary>HMAC-SHA256 of the token's secret, under a key derived from the master key.</summary>
    public byte[] TokenHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public void Seal(byte[] hash) => TokenHash = hash;

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
