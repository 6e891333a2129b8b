using System.Text;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Encrypts one sensitive field with AES-256-GCM under the active key of the <see cref="FieldKeyRing"/>.
/// The blob is self-describing so keys can rotate: format version (1 byte) ‖ key id (16 bytes) ‖
/// nonce (12) ‖ tag (16) ‖ ciphertext. The version, the key id and the <see cref="FieldBinding"/>
/// (table, column, row and the record the row belongs to) are authenticated with the value.
/// </summary>
/// <remarks>
/// The asynchronous methods are preferred in requests: the synchronous ones may read the key ring
/// from the database on first use and about once a minute after.
/// <para>
/// Values of the first format (<see cref="LegacyFormatVersion"/>) were bound to their table, column
/// and row only, not to the record they belong to, so a message moved to another request still
/// opened. They are never opened to be read: only the one-time upgrade that re-seals them
/// (<see cref="ResealLegacyAsync"/>, run by <see cref="BindingUpgrade"/> between two migrations)
/// opens them, and after it any such value left in the database reads as unreadable.
/// </para>
/// </remarks>
public sealed class FieldCipher(FieldKeyRing keyRing)
{
    public const byte FormatVersion = 2;

    /// <summary>The first format: bound to table, column and row, not to the record the row belongs to.</summary>
    public const byte LegacyFormatVersion = 1;

    private const int KeyIdLength = 16;
    private const int HeaderLength = 1 + KeyIdLength;

    public byte[] Encrypt(string plaintext, FieldBinding binding) =>
        Seal(keyRing.GetActiveKey(), plaintext, binding);

    public async ValueTask<byte[]> EncryptAsync(string plaintext, FieldBinding binding, CancellationToken cancellationToken = default) =>
        Seal(await keyRing.GetActiveKeyAsync(cancellationToken), plaintext, binding);

    /// <summary>Encrypts bytes that are not text (a file), in the same format as a text.</summary>
    public async ValueTask<byte[]> EncryptBytesAsync(byte[] plaintext, FieldBinding binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return SealBytes(await keyRing.GetActiveKeyAsync(cancellationToken), plaintext, binding);
    }

    /// <exception cref="FieldDecryptionException">The blob was altered, belongs to another binding, or names an unknown key.</exception>
    public async ValueTask<byte[]> DecryptBytesAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default) =>
        OpenBytes(await keyRing.FindKeyAsync(KeyIdOf(blob), cancellationToken), blob, binding);

    /// <exception cref="FieldDecryptionException">The blob was altered, belongs to another binding, or names an unknown key.</exception>
    public string Decrypt(byte[] blob, FieldBinding binding) =>
        Open(keyRing.FindKey(KeyIdOf(blob)), blob, binding);

    /// <exception cref="FieldDecryptionException">The blob was altered, belongs to another binding, or names an unknown key.</exception>
    public async ValueTask<string> DecryptAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default) =>
        Open(await keyRing.FindKeyAsync(KeyIdOf(blob), cancellationToken), blob, binding);

    /// <summary>True when the blob was sealed under a key that is no longer the active one, or in the first format.</summary>
    public bool NeedsReencryption(byte[] blob) => KeyIdOf(blob) != keyRing.GetActiveKey().Id || blob[0] != FormatVersion;

    public async ValueTask<bool> NeedsReencryptionAsync(byte[] blob, CancellationToken cancellationToken = default) =>
        KeyIdOf(blob) != (await keyRing.GetActiveKeyAsync(cancellationToken)).Id || blob[0] != FormatVersion;

    /// <summary>
    /// The same value sealed under the active key, or <see langword="null"/> when it already is:
    /// the step every <see cref="IEncryptedColumn"/> takes per value.
    /// </summary>
    public async ValueTask<byte[]?> ReencryptAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default)
    {
        var active = await keyRing.GetActiveKeyAsync(cancellationToken);
        // Byte for byte, never through text: a file's bytes are not valid UTF-8 and would not survive the round trip.
        return KeyIdOf(blob) == active.Id && blob[0] == FormatVersion
            ? null
            : SealBytes(active, await DecryptBytesAsync(blob, binding, cancellationToken), binding);
    }

    /// <summary>
    /// A value of the first format sealed again in the current one, bound to <paramref name="binding"/>
    /// whole; <see langword="null"/> when it is in the current format already. For the one-time
    /// upgrade only: the first format does not name the record a row belongs to, so opening it
    /// anywhere else would let a value moved to another record be read there.
    /// </summary>
    /// <exception cref="FieldDecryptionException">The blob was altered, moved to another row or column, or names an unknown key.</exception>
    internal async ValueTask<byte[]?> ResealLegacyAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var keyId = KeyIdOf(blob);
        if (blob[0] == FormatVersion)
        {
            return null;
        }

        var key = await keyRing.FindKeyAsync(keyId, cancellationToken) ?? throw new FieldDecryptionException();
        var clear = AesGcmEnvelope.Open(key.Material, blob.AsSpan(HeaderLength), binding.ToLegacyAssociatedData(blob.AsSpan(0, HeaderLength)))
            ?? throw new FieldDecryptionException();
        return SealBytes(await keyRing.GetActiveKeyAsync(cancellationToken), clear, binding);
    }

    /// <summary>The data key a blob names; also how a test or an operator sees which key sealed it.</summary>
    public static Guid KeyIdOf(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < HeaderLength + AesGcmEnvelope.Overhead || blob[0] is not (FormatVersion or LegacyFormatVersion))
        {
            throw new FieldDecryptionException();
        }

        return new Guid(blob.AsSpan(1, KeyIdLength));
    }

    private static byte[] Seal(FieldKey key, string plaintext, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return SealBytes(key, Encoding.UTF8.GetBytes(plaintext), binding);
    }

    private static byte[] SealBytes(FieldKey key, byte[] clear, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var blob = new byte[HeaderLength + AesGcmEnvelope.Overhead + clear.Length];
        blob[0] = FormatVersion;
        key.Id.TryWriteBytes(blob.AsSpan(1, KeyIdLength));
        AesGcmEnvelope.Seal(key.Material, clear, binding.ToAssociatedData(blob.AsSpan(0, HeaderLength)), blob.AsSpan(HeaderLength));
        return blob;
    }

    private static string Open(FieldKey? key, byte[] blob, FieldBinding binding) =>
        Encoding.UTF8.GetString(OpenBytes(key, blob, binding));

    private static byte[] OpenBytes(FieldKey? key, byte[] blob, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);

        // A value of the first format is not bound to its record: it may have been moved from another one.
        if (key is null || blob[0] != FormatVersion)
        {
            throw new FieldDecryptionException();
        }

        return AesGcmEnvelope.Open(key.Material, blob.AsSpan(HeaderLength), binding.ToAssociatedData(blob.AsSpan(0, HeaderLength)))
            ?? throw new FieldDecryptionException();
    }
}
