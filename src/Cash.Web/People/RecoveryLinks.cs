using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.People;

/// <summary>
/// Makes and recognises the links of account recovery ("mot de passe oublié" and recovery
/// invitations). A link's token is its id and 256 random bits; the database keeps only
/// HMAC-SHA256 of that secret under a key derived from the master key, over the link's id, person,
/// purpose and expiry. So the database alone gives no usable link, and someone who can write to it
/// but lacks the master key can neither forge a link, point one at another person, nor stretch its life.
/// </summary>
public sealed class RecoveryLinks(MasterKey masterKey)
{
    private const int IdLength = 16;
    private const int SecretLength = 32;

    /// <summary>The length of a token in a link: base64url of the id and the secret, without padding.</summary>
    public const int TokenLength = ((IdLength + SecretLength) * 4) / 3;

    private readonly byte[] key = masterKey.Derive("cash/recovery-link/v1");

    /// <summary>A new link and the token for its address (sent once by e-mail, never stored).</summary>
    public (RecoveryLink Link, string Token) Create(Guid professionalId, RecoveryPurpose purpose, Guid? issuedById, DateTimeOffset at)
    {
        var link = new RecoveryLink(professionalId, purpose, issuedById, at);
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        link.Seal(Hash(link, secret));
        var token = new byte[IdLength + SecretLength];
        link.Id.TryWriteBytes(token, bigEndian: true, out _);
        secret.CopyTo(token, IdLength);
        return (link, Base64Url.EncodeToString(token));
    }

    /// <summary>
    /// The open link for <paramref name="purpose"/> that <paramref name="token"/> names, or null when
    /// the token is malformed, unknown, for another purpose, used, withdrawn, expired or does not
    /// match its row: the caller shows one page for all of these.
    /// </summary>
    public async Task<RecoveryLink?> FindOpenAsync(CashDbContext db, string? token, RecoveryPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!TryRead(token, out var id, out var secret))
        {
            return null;
        }

        var link = await db.RecoveryLinks.SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return link is not null && link.Purpose == purpose && link.IsOpenAt(now) && CryptographicOperations.FixedTimeEquals(link.TokenHash, Hash(link, secret))
            ? link
            : null;
    }

    private static bool TryRead(string? token, out Guid id, out byte[] secret)
    {
        id = Guid.Empty;
        secret = [];
        if (token is null || token.Length != TokenLength)
        {
            return false;
        }

        var bytes = new byte[IdLength + SecretLength];
        if (Base64Url.DecodeFromChars(token, bytes, out var read, out var written) is not System.Buffers.OperationStatus.Done
            || read != token.Length || written != bytes.Length)
        {
            return false;
        }

        id = new Guid(bytes.AsSpan(0, IdLength), bigEndian: true);
        secret = bytes[IdLength..];
        return true;
    }

    // The expiry is hashed to the second: PostgreSQL keeps microseconds, not .NET's ticks.
    private byte[] Hash(RecoveryLink link, byte[] secret)
    {
        var data = new byte[1 + IdLength + IdLength + sizeof(long) + secret.Length];
        data[0] = (byte)link.Purpose;
        link.Id.TryWriteBytes(data.AsSpan(1, IdLength), bigEndian: true, out _);
        link.ProfessionalId.TryWriteBytes(data.AsSpan(1 + IdLength, IdLength), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(1 + (2 * IdLength), sizeof(long)), link.ExpiresAt.ToUnixTimeSeconds());
        secret.CopyTo(data, 1 + (2 * IdLength) + sizeof(long));
        return HMACSHA256.HashData(key, data);
    }
}
