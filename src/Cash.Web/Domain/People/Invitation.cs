using System.Security.Cryptography;

namespace Cash.Web.Domain.People;

/// <summary>
/// The only way into the professionals' space: a single-use link, valid 72 hours, sent by an
/// administrator (or a service lead for their own service). Only a keyed hash of the link's token
/// is kept (<c>People/InvitationTokens</c>), over what the invitation grants.
/// </summary>
public sealed class Invitation
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(72);

    private Invitation()
    {
    }

    private Invitation(string email, ProRole role, int? partnerServiceId, Guid? invitedById, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Email = email;
        Role = role;
        PartnerServiceId = partnerServiceId;
        InvitedById = invitedById;
        CreatedAt = at;
        ExpiresAt = at + Validity;
    }

    public Guid Id { get; private set; }

    /// <summary>The invited address, as typed by the inviter (trimmed).</summary>
    public string Email { get; private set; } = "";

    public ProRole Role { get; private set; }

    public int? PartnerServiceId { get; private set; }

    /// <summary>Who invited; null when the command line did (the first administrator).</summary>
    public Guid? InvitedById { get; private set; }

    /// <summary>
    /// HMAC of the link's token and of what the invitation grants, under a key derived from the master
    /// key (<c>People/InvitationTokens</c>): the token has 256 random bits, so a fast keyed hash is enough.
    /// </summary>
    public byte[] TokenHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The account created from this invitation, once the password is set.</summary>
    public Guid? ProfessionalId { get; private set; }

    /// <summary>
    /// Creates an invitation and the token to put in its link (shown or sent once, never stored); its
    /// hash is sealed by <c>People/InvitationTokens</c>, which knows the key.
    /// </summary>
    public static (Invitation Invitation, string Token) Create(string email, ProRole role, int? partnerServiceId, Guid? invitedById, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (Professional.NeedsService(role) && partnerServiceId is null)
        {
            throw new InvalidOperationException($"A {role} belongs to a partner service.");
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new Invitation(email.Trim(), role, partnerServiceId, invitedById, at), token);
    }

    /// <summary>Sets the token's keyed hash, once.</summary>
    public void SealToken(byte[] tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (TokenHash.Length != 0)
        {
            throw new InvalidOperationException("An invitation's token hash is set once.");
        }

        TokenHash = [.. tokenHash];
    }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>Links the account created with the password step; the invitation stays open until two-factor is set up.</summary>
    public void AttachAccount(Guid professionalId, DateTimeOffset now)
    {
        EnsureOpen(now);
        ProfessionalId = professionalId;
    }

    /// <summary>Closes the invitation once the person has a password and a second factor.</summary>
    public void Accept(DateTimeOffset now)
    {
        EnsureOpen(now);
        if (ProfessionalId is null)
        {
            throw new InvalidOperationException("The invitation has no account yet.");
        }

        AcceptedAt = now;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (AcceptedAt is null)
        {
            RevokedAt ??= now;
        }
    }

    private void EnsureOpen(DateTimeOffset now)
    {
        if (!IsOpenAt(now))
        {
            throw new InvalidOperationException("The invitation is used, revoked or expired.");
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
