using System.Buffers.Text;
using System.Security.Cryptography;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Meetings;

/// <summary>
/// Makes and recognises the secret addresses of personal calendars. A token is the feed's id and 256
/// random bits; the database keeps only HMAC-SHA256 of them under a key derived from the master key,
/// over the feed's id and its person. A copy of the database gives no address, and a row edited to
/// point at another person opens nothing. One feed per person: a new one revokes the old.
/// </summary>
public sealed class CalendarFeedTokens(MasterKey masterKey)
{
    private const int IdLength = 16;
    private const int SecretLength = 32;

    /// <summary>The length of a token: base64url of the id and the secret, without padding.</summary>
    public const int TokenLength = ((IdLength + SecretLength) * 4) / 3;

    private readonly byte[] key = masterKey.Derive("cash/calendar-feed/v1");

    /// <summary>A new feed for the person (their earlier ones revoked, in the same save) and its token, shown once.</summary>
    public async Task<string> CreateAsync(CashDbContext db, Guid professionalId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await RevokeAsync(db, professionalId, at, cancellationToken);
        var feed = new CalendarFeed(Guid.NewGuid(), professionalId, at);
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        feed.Seal(Hash(feed.Id, professionalId, secret));
        db.CalendarFeeds.Add(feed);
        var token = new byte[IdLength + SecretLength];
        feed.Id.TryWriteBytes(token, bigEndian: true, out _);
        secret.CopyTo(token, IdLength);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Revokes the person's active feeds (tracked: the caller saves).</summary>
    public async Task RevokeAsync(CashDbContext db, Guid professionalId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var old in await db.CalendarFeeds.Where(f => f.ProfessionalId == professionalId && f.RevokedAt == null).ToListAsync(cancellationToken))
        {
            old.Revoke(at);
        }
    }

    /// <summary>The active feed <paramref name="token"/> names, or null (malformed, unknown, revoked, or not matching its row).</summary>
    public async Task<CalendarFeed?> FindActiveAsync(CashDbContext db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (token is null || token.Length != TokenLength)
        {
            return null;
        }

        var bytes = new byte[IdLength + SecretLength];
        if (Base64Url.DecodeFromChars(token, bytes, out var read, out var written) is not System.Buffers.OperationStatus.Done
            || read != token.Length || written != bytes.Length)
        {
            return null;
        }

        var id = new Guid(bytes.AsSpan(0, IdLength), bigEndian: true);
        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return feed is { RevokedAt: null } && CryptographicOperations.FixedTimeEquals(feed.TokenHash, Hash(feed.Id, feed.ProfessionalId, bytes[IdLength..]))
            ? feed
            : null;
    }

    private byte[] Hash(Guid feedId, Guid professionalId, byte[] secret)
    {
        var data = new byte[IdLength + IdLength + secret.Length];
        feedId.TryWriteBytes(data.AsSpan(0, IdLength), bigEndian: true, out _);
        professionalId.TryWriteBytes(data.AsSpan(IdLength, IdLength), bigEndian: true, out _);
        secret.CopyTo(data, 2 * IdLength);
        return HMACSHA256.HashData(key, data);
    }
}
