using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cash.Web.Domain.Audit;
using Cash.Web.Security;

namespace Cash.Web.Audit;

/// <summary>
/// Computes the HMAC-SHA256 that chains each audit entry to the one before it, with a key derived
/// from the master key, which never enters the database: whoever can write to the database but
/// does not hold the master key cannot forge, alter or reorder an entry without it showing.
/// </summary>
public sealed class AuditSeal(MasterKey masterKey)
{
    public const string KeyPurpose = "cash/audit/v1";
    public const int HashLength = HMACSHA256.HashSizeInBytes;

    private static readonly byte[] GenesisHash = new byte[HashLength];

    private readonly byte[] key = masterKey.Derive(KeyPurpose);

    /// <summary>What the first entry is chained to: 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Genesis => GenesisHash;

    /// <summary>The hash of <paramref name="entry"/> placed at <paramref name="sequence"/> and <paramref name="at"/>, after <paramref name="previousHash"/>.</summary>
    public byte[] HashOf(long sequence, DateTimeOffset at, AuditEntry entry, ReadOnlySpan<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return HMACSHA256.HashData(key, CanonicalBytes(sequence, at, entry, previousHash));
    }

    /// <summary>True when the stored entry is exactly what was sealed at <paramref name="sequence"/> after <paramref name="previousHash"/>.</summary>
    public bool Seals(AuditEntry entry, long sequence, ReadOnlySpan<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Sealed times are whole milliseconds and the hash covers milliseconds only, so a stored
        // time with anything finer was changed after sealing.
        return entry.At == AuditEntry.TruncateToMilliseconds(entry.At)
            && CryptographicOperations.FixedTimeEquals(HashOf(sequence, entry.At, entry, previousHash), entry.Hash);
    }

    /// <summary>
    /// The entry as bytes, one field after the other, each unambiguous on its own: fixed-width
    /// big-endian numbers (the time as Unix milliseconds), the actor's Guid in "D" form, and for
    /// every optional or text field a presence byte, then a length prefix and UTF-8 for text, so a
    /// missing value never reads like an empty one and no field can spill into the next.
    /// Anyone holding the key can recompute it outside this program.
    /// </summary>
    internal static byte[] CanonicalBytes(long sequence, DateTimeOffset at, AuditEntry entry, ReadOnlySpan<byte> previousHash)
    {
        if (previousHash.Length != HashLength)
        {
            throw new ArgumentException($"A previous hash is {HashLength} bytes.", nameof(previousHash));
        }

        var writer = new ArrayBufferWriter<byte>(256);
        WriteInt64(writer, sequence);
        WriteInt64(writer, at.ToUnixTimeMilliseconds());
        WriteText(writer, entry.ActorId?.ToString("D", CultureInfo.InvariantCulture));
        WriteInt32(writer, entry.PartnerServiceId);
        WriteText(writer, entry.Action);
        WriteText(writer, entry.EntityType);
        WriteText(writer, entry.EntityId);
        WriteText(writer, entry.Outcome.ToString());
        writer.Write(previousHash);
        return writer.WrittenSpan.ToArray();
    }

    private static void WriteInt64(ArrayBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(sizeof(long)), value);
        writer.Advance(sizeof(long));
    }

    private static void WriteInt32(ArrayBufferWriter<byte> writer, int? value)
    {
        var presence = writer.GetSpan(1);
        presence[0] = value is null ? (byte)0 : (byte)1;
        writer.Advance(1);
        if (value is { } number)
        {
            BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(sizeof(int)), number);
            writer.Advance(sizeof(int));
        }
    }

    private static void WriteText(ArrayBufferWriter<byte> writer, string? value)
    {
        var presence = writer.GetSpan(1);
        presence[0] = value is null ? (byte)0 : (byte)1;
        writer.Advance(1);
        if (value is null)
        {
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(sizeof(int)), length);
        writer.Advance(sizeof(int));
        Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(length);
    }
}
