using System.Security.Cryptography;
using System.Text;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.People;

/// <summary>
/// What an invitation link's token is checked against: an HMAC-SHA256 under a key derived from the
/// master key, over the token and what the invitation grants (its id, address, role, service and
/// expiry). Someone who can write to the database but lacks the master key can neither add an
/// invitation whose token they chose nor change the role, service or expiry of one they hold: the
/// link then opens nothing.
/// </summary>
public sealed class InvitationTokens(MasterKey masterKey)
{
    /// <summary>Longer tokens are not looked at (the real ones have 43 characters).</summary>
    public const int MaxTokenLength = 100;

    private readonly byte[] key = masterKey.Derive("cash/invitation-link/v1");

    /// <summary>Creates an invitation, its hash sealed, and the token to put in its link (sent once, never stored).</summary>
    public (Invitation Invitation, string Token) Create(string email, ProRole role, int? partnerServiceId, Guid? invitedById, DateTimeOffset at)
    {
        var (invitation, token) = Invitation.Create(email, role, partnerServiceId, invitedById, at);
        invitation.SealToken(Hash(invitation, token));
        return (invitation, token);
    }

    /// <summary>
    /// The open invitation whose link carries <paramref name="token"/>, or null. The hash covers the
    /// invitation's own fields, so it cannot be looked up by value: the open invitations (a handful)
    /// are each checked in constant time.
    /// </summary>
    public async Task<Invitation?> FindOpenAsync(CashDbContext db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var candidates = await db.Invitations
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .OrderBy(i => i.Id)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(i => i.IsOpenAt(now) && CryptographicOperations.FixedTimeEquals(i.TokenHash, Hash(i, token)));
    }

    // The expiry is hashed to the second: PostgreSQL keeps microseconds, not .NET's ticks.
    private byte[] Hash(Invitation invitation, string token) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n',
        token,
        invitation.Id.ToString("N"),
        invitation.Email,
        ((int)invitation.Role).ToString(System.Globalization.CultureInfo.InvariantCulture),
        invitation.PartnerServiceId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        invitation.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
