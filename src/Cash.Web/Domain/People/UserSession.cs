namespace Cash.Web.Domain.People;

/// <summary>
/// One signed-in browser, kept on the server so that signing out, a password change or a
/// disabled account ends it for good: the cookie only names the session (ASVS 3.3).
/// </summary>
public sealed class UserSession
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>How recent a password confirmation must be before a sensitive action (inviting, changing a role, exporting).</summary>
    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(10);

    // Writing the last-seen time on every request would make each page a write; a minute is precise enough for a 30-minute timeout.
    private static readonly TimeSpan TouchGranularity = TimeSpan.FromMinutes(1);

    private UserSession()
    {
    }

    public UserSession(Guid professionalId, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        ProfessionalId = professionalId;
        StartedAt = at;
        LastSeenAt = at;
        ReauthenticatedAt = at;
    }

    /// <summary>Random (version 4), carried in the encrypted session cookie.</summary>
    public Guid Id { get; private set; }

    public Guid ProfessionalId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public DateTimeOffset? ReauthenticatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public SessionEnd? EndReason { get; private set; }

    public bool IsActiveAt(DateTimeOffset now) =>
        EndedAt is null && now - LastSeenAt < IdleTimeout && now - StartedAt < AbsoluteTimeout;

    /// <summary>Records activity; returns true when the change is worth saving.</summary>
    public bool Touch(DateTimeOffset now)
    {
        if (now - LastSeenAt < TouchGranularity)
        {
            return false;
        }

        LastSeenAt = now;
        return true;
    }

    public void Reauthenticate(DateTimeOffset now) => ReauthenticatedAt = now;

    public bool WasReauthenticatedRecently(DateTimeOffset now) =>
        ReauthenticatedAt is { } at && now - at < ReauthenticationWindow;

    public void End(DateTimeOffset now, SessionEnd reason)
    {
        if (EndedAt is null)
        {
            EndedAt = now;
            EndReason = reason;
        }
    }
}

public enum SessionEnd
{
    SignedOut = 0,
    SignedOutEverywhere = 1,
    PasswordChanged = 2,
    AccountDisabled = 3,
    Expired = 4,
    SecondFactorReset = 5,
}
