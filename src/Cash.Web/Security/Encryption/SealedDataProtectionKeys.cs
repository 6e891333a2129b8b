using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Cash.Web.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Security.Encryption;

/// <summary>
/// Where Data Protection keeps its key ring: the <c>DataProtectionKeys</c> table, every element
/// sealed whole (AES-256-GCM under a key derived from the <see cref="MasterKey"/>). A key is sealed
/// with its id as associated data, so its id, creation, activation and expiration dates and its
/// descriptor are authenticated together; a revocation is sealed under a label of its own, so
/// nobody without the master key can revoke a key either (which would sign everyone out).
/// </summary>
/// <remarks>
/// Data Protection only ever sees the elements that open. A row that does not — a key written in
/// clear, one naming the framework's null decryptor, a sealed element altered or moved to another
/// id, an element this application never writes — is ignored and reported as a security event
/// (<see cref="KeyRefusals"/>), so a key inserted by someone who can write to the database but does
/// not hold the master key is never used to protect or unprotect a cookie, a token or a ticket.
/// The key's descriptor is still encrypted by <see cref="MasterKeyXmlEncryptor"/> inside the seal,
/// as Data Protection expects of every key it writes; the seal is what authenticates the element.
/// </remarks>
public sealed class SealedDataProtectionKeys(IServiceScopeFactory scopes, MasterKey masterKey, KeyRefusals? refusals = null) : IXmlRepository
{
    /// <summary>The purpose the sealing key is derived for; changing it would orphan every Data Protection key.</summary>
    public const string Purpose = "cash/data-protection/elements/v1";

    internal const string SealedKey = "sealedKey";
    internal const string SealedRevocation = "sealedRevocation";

    private const string IdAttribute = "id";
    private const string VersionAttribute = "version";
    private const string CurrentVersion = "1";

    private readonly byte[] key = masterKey.Derive(Purpose);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var rows = scope.ServiceProvider.GetRequiredService<CashDbContext>().DataProtectionKeys
            .AsNoTracking()
            .OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.Xml })
            .ToList();

        var opened = new List<XElement>(rows.Count);
        var keyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (element, refusal) = Open(key, row.Xml);

            // Data Protection refuses a whole ring with two keys of one id, so a copied row would sign everyone out.
            if (element?.Name.LocalName == "key" && !keyIds.Add((string)element.Attribute(IdAttribute)!))
            {
                (element, refusal) = (null, "a second copy of a key already in the ring");
            }

            if (element is not null)
            {
                opened.Add(element);
            }
            else
            {
                refusals?.Report(
                    nameof(DataProtectionKey),
                    row.Id.ToString(CultureInfo.InvariantCulture),
                    Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row.Xml ?? ""))),
                    refusal!);
            }
        }

        return opened.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var sealedElement = Seal(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = sealedElement.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>True when <paramref name="xml"/> is a key sealed under <paramref name="masterKey"/>, now or by an earlier version: how the start-up check knows the key is this database's.</summary>
    internal static bool IsSealedUnder(MasterKey masterKey, string? xml)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return Open(masterKey.Derive(Purpose), xml).Element is not null || IsEarlierVersionKey(masterKey, xml);
    }

    /// <summary>
    /// The first start of the version that seals whole elements removes the keys earlier versions
    /// wrote (their descriptor sealed, their dates not) and their revocations, once: only while no
    /// element of the ring is sealed yet. Data Protection then starts a new key, so sessions and
    /// tickets issued before the upgrade end. Carrying the old keys over would trust dates anyone
    /// with write access could have changed; any other row is left, and refused as it is read.
    /// </summary>
    internal static async Task<int> RemoveKeysOfEarlierVersionsAsync(CashDbContext db, MasterKey masterKey, CancellationToken cancellationToken)
    {
        var rows = await db.DataProtectionKeys.ToListAsync(cancellationToken);
        if (rows.Any(r => Parse(r.Xml)?.Name.LocalName is SealedKey or SealedRevocation))
        {
            return 0;
        }

        var earlier = rows.Where(r => IsEarlierVersionKey(masterKey, r.Xml) || Parse(r.Xml)?.Name.LocalName == "revocation").ToList();
        db.DataProtectionKeys.RemoveRange(earlier);
        await db.SaveChangesAsync(cancellationToken);
        return earlier.Count;
    }

    private XElement Seal(XElement element)
    {
        var clear = Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        switch (element.Name.LocalName)
        {
            case "key" when Guid.TryParse((string?)element.Attribute(IdAttribute), out var id):
                return new XElement(
                    SealedKey,
                    new XAttribute(IdAttribute, id.ToString("D")),
                    new XAttribute(VersionAttribute, CurrentVersion),
                    Convert.ToBase64String(AesGcmEnvelope.Seal(key, clear, KeyAssociatedData(id))));
            case "revocation":
                return new XElement(
                    SealedRevocation,
                    new XAttribute(VersionAttribute, CurrentVersion),
                    Convert.ToBase64String(AesGcmEnvelope.Seal(key, clear, RevocationAssociatedData)));
            default:
                throw new InvalidOperationException($"Data Protection asked to store a <{element.Name.LocalName}> element, which this application does not know how to seal.");
        }
    }

    /// <summary>The element Data Protection wrote, or why the row is refused.</summary>
    private static (XElement? Element, string? Refusal) Open(byte[] key, string? xml)
    {
        var stored = Parse(xml);
        if (stored is null)
        {
            return (null, "not an element this application writes");
        }

        if (stored.Name.LocalName is "key" or "revocation")
        {
            return (null, "not sealed under the master key (written in clear, with another decryptor, or by an earlier version)");
        }

        if ((string?)stored.Attribute(VersionAttribute) != CurrentVersion || stored.Name.LocalName is not (SealedKey or SealedRevocation))
        {
            return (null, "not an element this application writes");
        }

        var isKey = stored.Name.LocalName == SealedKey;
        var id = Guid.Empty;
        if (isKey && !Guid.TryParse((string?)stored.Attribute(IdAttribute), out id))
        {
            return (null, "a sealed key without a key id");
        }

        var clear = Base64(stored.Value) is { } sealedBytes
            ? AesGcmEnvelope.Open(key, sealedBytes, isKey ? KeyAssociatedData(id) : RevocationAssociatedData)
            : null;
        if (clear is null)
        {
            return (null, "its seal does not open under the master key for the id it names: forged, altered or moved");
        }

        var element = Parse(Encoding.UTF8.GetString(clear));
        if (isKey)
        {
            if (element?.Name.LocalName != "key" || !Guid.TryParse((string?)element.Attribute(IdAttribute), out var sealedId) || sealedId != id)
            {
                return (null, "the key sealed inside does not bear the id the row names");
            }

            var secrets = element.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList();
            if (secrets.Count == 0 || !secrets.All(NamesTheMasterKeyDecryptor))
            {
                return (null, "its secret is not encrypted under the master key");
            }
        }
        else if (element?.Name.LocalName != "revocation")
        {
            return (null, "the element sealed as a revocation is not one");
        }

        return (element, null);
    }

    private static bool NamesTheMasterKeyDecryptor(XElement encryptedSecret) =>
        ((string?)encryptedSecret.Attribute("decryptorType"))?.Split(',')[0].Trim() == typeof(MasterKeyXmlDecryptor).FullName;

    /// <summary>A key written in clear whose descriptor alone was sealed, as versions before this one wrote them.</summary>
    private static bool IsEarlierVersionKey(MasterKey masterKey, string? xml)
    {
        var stored = Parse(xml);
        if (stored?.Name.LocalName != "key")
        {
            return false;
        }

        var descriptorKey = masterKey.Derive(MasterKeyXmlEncryptor.Purpose);
        return stored.Descendants().Where(e => e.Name.LocalName == MasterKeyXmlEncryptor.ElementName).Any(sealedDescriptor =>
            (string?)sealedDescriptor.Attribute(MasterKeyXmlEncryptor.VersionAttribute) == MasterKeyXmlEncryptor.CurrentVersion
            && Base64(sealedDescriptor.Value) is { } sealedBytes
            && AesGcmEnvelope.Open(descriptorKey, sealedBytes, MasterKeyXmlEncryptor.AssociatedData) is not null);
    }

    private static byte[] KeyAssociatedData(Guid id) => Encoding.UTF8.GetBytes($"cash/data-protection/key/{id:D}");

    private static byte[] RevocationAssociatedData => "cash/data-protection/revocation"u8.ToArray();

    private static XElement? Parse(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            // No DTD, no external entities: the row may have been written by anyone with database access.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XElement.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static byte[]? Base64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
