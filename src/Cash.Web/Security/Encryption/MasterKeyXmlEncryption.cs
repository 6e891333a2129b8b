using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Encrypts each Data Protection key's secret (its XML descriptor) with AES-256-GCM under a key
/// derived from the <see cref="MasterKey"/>, as Data Protection asks of every key it writes. What
/// authenticates the key as a whole, its id and dates included, is the seal
/// <see cref="SealedDataProtectionKeys"/> puts around the element before it is stored.
/// </summary>
public sealed class MasterKeyXmlEncryptor(MasterKey masterKey) : IXmlEncryptor
{
    public const string Purpose = "cash/data-protection/v1";

    internal const string ElementName = "sealedWithMasterKey";
    internal const string VersionAttribute = "version";
    internal const string CurrentVersion = "1";

    private readonly byte[] key = masterKey.Derive(Purpose);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var clear = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = AesGcmEnvelope.Seal(key, clear, AssociatedData);
        var element = new XElement(ElementName, new XAttribute(VersionAttribute, CurrentVersion), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }

    internal static byte[] AssociatedData => Encoding.UTF8.GetBytes(Purpose);
}

/// <summary>
/// Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it by the type
/// name stored beside each key, through this constructor: renaming or moving this class would
/// make every stored key unreadable.
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly byte[] key = services.GetRequiredService<MasterKey>().Derive(MasterKeyXmlEncryptor.Purpose);

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != MasterKeyXmlEncryptor.ElementName
            || (string?)encryptedElement.Attribute(MasterKeyXmlEncryptor.VersionAttribute) != MasterKeyXmlEncryptor.CurrentVersion)
        {
            throw new CryptographicException("This Data Protection key was not sealed in a format this version understands.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        }
        catch (FormatException exception)
        {
            throw new CryptographicException("This Data Protection key is damaged.", exception);
        }

        var clear = AesGcmEnvelope.Open(key, sealedBytes, MasterKeyXmlEncryptor.AssociatedData)
            ?? throw new CryptographicException(
                "This Data Protection key cannot be decrypted: the configured master key is not the one it was sealed with, or the key was altered.");
        return XElement.Parse(Encoding.UTF8.GetString(clear));
    }
}
