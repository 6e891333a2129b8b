using System.Text;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Encrypts one sensitive field with AES-256-GCM under the active key of the <see cref="FieldKeyRing"/>.
/// The blob is self-describing so keys can rotate: format version (1 byte) ‖ key id (16 bytes) ‖
/// nonce (12) ‖ tag (16) ‖ ciphertext. The version, the key id and the <see cref="FieldBinding"/>
/// are authenticated with the value.
/// </summary>
/// <remarks>
/// The asynchronous methods are preferred in requests: the synchronous ones may read the key ring
/// from the database on first use and about once a minute after.
/// </remarks>
public sealed class FieldCipher(FieldKeyRing keyRing)
{
    public const byte FormatVersion = 1;

    private const int KeyIdLength = 16;
    private const int HeaderLength = 1 + KeyIdLength;

    public byte[] Encrypt(string plaintext, FieldBinding binding) =>
        Seal(keyRing.GetActiveKey(), plaintext, binding);

    public async ValueTask<byte[]> EncryptAsync(string plaintext, FieldBinding binding, CancellationToken cancellationToken = default) =>
        Seal(await keyRing.GetActiveKeyAsync(cancellationToken), plaintext, binding);

    /// <exception cref="FieldDecryptionException">The blob was altered, belongs to another binding, or names an unknown key.</exception>
    public string Decrypt(byte[] blob, FieldBinding binding) =>
        Open(keyRing.FindKey(KeyIdOf(blob)), blob, binding);

    /// <exception cref="FieldDecryptionException">The blob was altered, belongs to another binding, or names an unknown key.</exception>
    public async ValueTask<string> DecryptAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default) =>
        Open(await keyRing.FindKeyAsync(KeyIdOf(blob), cancellationToken), blob, binding);

    /// <summary>True when the blob was sealed under a key that is no longer the active one.</summary>
    public bool NeedsReencryption(byte[] blob) => KeyIdOf(blob) != keyRing.GetActiveKey().Id;

    public async ValueTask<bool> NeedsReencryptionAsync(byte[] blob, CancellationToken cancellationToken = default) =>
        KeyIdOf(blob) != (await keyRing.GetActiveKeyAsync(cancellationToken)).Id;

    /// <summary>
    /// The same value sealed under the active key, or <see langword="null"/> when it already is:
    /// the step every <see cref="IEncryptedColumn"/> takes per value.
    /// </summary>
    public async ValueTask<byte[]?> ReencryptAsync(byte[] blob, FieldBinding binding, CancellationToken cancellationToken = default)
    {
        var active = await keyRing.GetActiveKeyAsync(cancellationToken);
        return KeyIdOf(blob) == active.Id
            ? null
            : Seal(active, await DecryptAsync(blob, binding, cancellationToken), binding);
    }

    /// <summary>The data key a blob names; also how a test or an operator sees which key sealed it.</summary>
    public static Guid KeyIdOf(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Length < HeaderLength + AesGcmEnvelope.Overhead || blob[0] != FormatVersion)
        {
            throw new FieldDecryptionException();
        }

        return new Guid(blob.AsSpan(1, KeyIdLength));
    }

    private static byte[] Seal(FieldKey key, string plaintext, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(binding);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[HeaderLength + AesGcmEnvelope.Overhead + clear.Length];
        blob[0] = FormatVersion;
        key.Id.TryWriteBytes(blob.AsSpan(1, KeyIdLength));
        AesGcmEnvelope.Seal(key.Material, clear, binding.ToAssociatedData(blob.AsSpan(0, HeaderLength)), blob.AsSpan(HeaderLength));
        return blob;
    }

    private static string Open(FieldKey? key, byte[] blob, FieldBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (key is null)
        {
            throw new FieldDecryptionException();
        }

        var clear = AesGcmEnvelope.Open(key.Material, blob.AsSpan(HeaderLength), binding.ToAssociatedData(blob.AsSpan(0, HeaderLength)))
            ?? throw new FieldDecryptionException();
        return Encoding.UTF8.GetString(clear);
    }
}
