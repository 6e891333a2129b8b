using System.Security.Cryptography;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// AES-256-GCM with a fresh random nonce, laid out as nonce ‖ tag ‖ ciphertext. The field
/// values, the wrapped data keys and the Data Protection keys all use this one layout.
/// </summary>
internal static class AesGcmEnvelope
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int Overhead = NonceLength + TagLength;

    /// <summary>Writes nonce ‖ tag ‖ ciphertext into <paramref name="destination"/>, which is exactly <see cref="Overhead"/> bytes longer than the plaintext.</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (destination.Length != Overhead + plaintext.Length)
        {
            throw new ArgumentException("The destination must hold the nonce, the tag and the ciphertext.", nameof(destination));
        }

        var nonce = destination[..NonceLength];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, destination[Overhead..], destination.Slice(NonceLength, TagLength), associatedData);
    }

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[Overhead + plaintext.Length];
        Seal(key, plaintext, associatedData, sealedBytes);
        return sealedBytes;
    }

    /// <summary>The plaintext, or <see langword="null"/> when the envelope is too short, altered, or sealed under another key or associated data.</summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        if (envelope.Length < Overhead)
        {
            return null;
        }

        var plaintext = new byte[envelope.Length - Overhead];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(envelope[..NonceLength], envelope[Overhead..], envelope.Slice(NonceLength, TagLength), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
