namespace Cash.Web.Domain.People;

/// <summary>What a recovery link lets its holder do.</summary>
public enum RecoveryPurpose
{
    /// <summary>"Mot de passe oublié": choose a new password; the second factor is still asked afterwards.</summary>
    Password = 0,

    /// <summary>A recovery invitation: with the password, set up a new authenticator app after a lost phone.</summary>
    SecondFactor = 1,
}

/// <summary>
/// A single-use link that lets a professional back into an account they hold: a new password, or a
/// new authenticator app. Only a keyed hash of the link's secret is kept (see <c>People/RecoveryLinks</c>),
/// and it covers the link's id, person, purpose and expiry, so a row written or edited by hand in the
/// database opens nothing. A used or withdrawn link loses its hash for good.
/// </summary>
public sealed class RecoveryLink
{
    /// <summary>"Mot de passe oublié": one hour, long enough to read one's mail, short for a link left in an inbox.</summary>
    public static readonly TimeSpan PasswordValidity = TimeSpan.FromHours(1);

    /// <summary>A recovery invitation: as long as an invitation, since the person may be away from the office; the password is asked as well.</summary>
    public static readonly TimeSpan SecondFactorValidity = Invitation.Validity;

    private RecoveryLink()
    {
    }

    public RecoveryLink(Guid professionalId, RecoveryPurpose purpose, Guid? issuedById, DateTimeOffset at)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        Id = Guid.CreateVersion7();
        ProfessionalId = professionalId;
        Purpose = purpose;
        IssuedById = issuedById;
        CreatedAt = at;
        ExpiresAt = at + (purpose == RecoveryPurpose.Password ? PasswordValidity : SecondFactorValidity);
    }

    public Guid Id { get; private set; }

    public Guid ProfessionalId { get; private set; }

    public RecoveryPurpose Purpose { get; private set; }

    /// <summary>Who issued a recovery invitation (a lead or an administrator); null for a link the person asked for.</summary>
    public Guid? IssuedById { get; private set; }

    /// <summary>The keyed hash of the link's secret; all zeros once the link is used or withdrawn.</summary>
    public byte[] TokenHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsOpenAt(DateTimeOffset now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Sets the hash once, when the link is made (the hash covers the id, so it comes after).</summary>
    public void Seal(byte[] tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (TokenHash.Length != 0)
        {
            throw new InvalidOperationException("The link is sealed already.");
        }

        TokenHash = tokenHash.ToArray();
    }

    /// <summary>Spends the link: it never opens again, even if someone clears <see cref="UsedAt"/> in the database.</summary>
    public void Use(DateTimeOffset now)
    {
        if (!IsOpenAt(now))
        {
            throw new InvalidOperationException("The link is used, withdrawn or expired.");
        }

        UsedAt = now;
        TokenHash = new byte[TokenHash.Length];
    }

    /// <summary>Withdraws an open link (a newer one replaces it); a used link stays as it is.</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (UsedAt is null && RevokedAt is null)
        {
            RevokedAt = now;
            TokenHash = new byte[TokenHash.Length];
        }
    }
}
