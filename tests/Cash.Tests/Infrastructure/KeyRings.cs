using System.Globalization;
using System.Xml.Linq;
using Cash.Web.Domain.Audit;
using Cash.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>What tests of the key rings do to the rows behind them, as someone with database access would.</summary>
public static class KeyRings
{
    /// <summary>The audit action of a key the rings refuse (a stable string, part of each entry's hash).</summary>
    public const string KeyRefused = "keys.key-refused";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every protected payload starts with a 4-byte magic header, then the id of the key that protected it.</summary>
    public static Guid KeyIdOf(string payload) => new(WebEncoders.Base64UrlDecode(payload).AsSpan(4, 16));

    /// <summary>Adds a row to <c>DataProtectionKeys</c> holding <paramref name="element"/> as it is; its row id.</summary>
    public static Task<int> InsertDataProtectionRowAsync(this CashApp app, XElement element, string? friendlyName = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(element);
        return app.InDatabaseAsync(async db =>
        {
            var row = new DataProtectionKey { FriendlyName = friendlyName ?? $"key-{(string?)element.Attribute("id")}", Xml = element.ToString(SaveOptions.DisableFormatting) };
            db.DataProtectionKeys.Add(row);
            await db.SaveChangesAsync(Ct);
            return row.Id;
        });
    }

    /// <summary>The refusal is queued, not awaited, by whoever read the ring: waits up to 10 s for it to be written.</summary>
    public static async Task AssertRefusalAuditedAsync(this CashApp app, string entityType, string entityId)
    {
        ArgumentNullException.ThrowIfNull(app);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await app.InDatabaseAsync(db => db.AuditEntries.AnyAsync(
                    e => e.Action == KeyRefused && e.EntityType == entityType && e.EntityId == entityId && e.Outcome == AuditOutcome.Denied, Ct)))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"No {KeyRefused} entry for {entityType} {entityId} in the audit trail.");
    }

    public static Task AssertRefusalAuditedAsync(this CashApp app, string entityType, int rowId) =>
        app.AssertRefusalAuditedAsync(entityType, rowId.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// Data Protection run outside the app — on an attacker's machine, or as an earlier version of
/// the app wrote its keys — with the app's application name, writing one key to a folder: the key
/// element to copy into the app's table, and a provider that protects with that key.
/// </summary>
public sealed class DataProtectionElsewhere : IDisposable
{
    private readonly DirectoryInfo folder;
    private readonly ServiceProvider services;
    private readonly string purpose;

    private DataProtectionElsewhere(DirectoryInfo folder, ServiceProvider services, string purpose)
    {
        this.folder = folder;
        this.services = services;
        this.purpose = purpose;
        Provider = services.GetRequiredService<IDataProtectionProvider>();

        // Protecting once creates the key.
        Provider.CreateProtector(purpose).Protect("first");
        Element = XElement.Load(folder.GetFiles("key-*.xml").Single().FullName);
        Id = Guid.Parse((string)Element.Attribute("id")!);
    }

    public IDataProtectionProvider Provider { get; }

    /// <summary>The key as Data Protection wrote it; change it before copying it, as someone editing the row would.</summary>
    public XElement Element { get; }

    public Guid Id { get; }

    /// <summary>A key written in clear, as Data Protection does with no encryptor.</summary>
    public static DataProtectionElsewhere WithKeyInClear(string purpose) => WithKey(purpose, null);

    /// <param name="encryptor">What encrypts the key's secret: <see cref="NullXmlEncryptor"/>, the app's own encryptor…</param>
    /// <param name="masterKey">The master key, when the encryptor's decryptor needs it to open the key again here.</param>
    public static DataProtectionElsewhere WithKey(string purpose, IXmlEncryptor? encryptor, MasterKey? masterKey = null)
    {
        var folder = Directory.CreateTempSubdirectory("cash-keys-elsewhere-");
        var services = new ServiceCollection().AddLogging();
        if (masterKey is not null)
        {
            services.AddSingleton(masterKey);
        }

        services.AddDataProtection().SetApplicationName(ProtectionRegistration.ApplicationName).PersistKeysToFileSystem(folder);
        services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = encryptor);
        return new DataProtectionElsewhere(folder, services.BuildServiceProvider(), purpose);
    }

    public string Protect(string text) => Provider.CreateProtector(purpose).Protect(text);

    /// <summary>Moves the key's dates in <see cref="Element"/>, relative to now.</summary>
    public void MoveDates(TimeSpan activation, TimeSpan expiration)
    {
        var now = DateTimeOffset.UtcNow;
        Element.Element("creationDate")!.Value = (now + activation).ToString("O", CultureInfo.InvariantCulture);
        Element.Element("activationDate")!.Value = (now + activation).ToString("O", CultureInfo.InvariantCulture);
        Element.Element("expirationDate")!.Value = (now + expiration).ToString("O", CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        services.Dispose();
        folder.Delete(recursive: true);
    }
}
