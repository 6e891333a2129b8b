using System.Security.Cryptography;
using Cash.Tests.Infrastructure;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A database left by a version that did not seal the keys' dates: its data keys still decrypt
/// what they sealed but never encrypt again, and its Data Protection keys are removed at the first
/// start (everyone signs in again once), after which such a key put back is refused like any other.
/// </summary>
public abstract class UpgradingTheKeyRingsTests(CashApp app)
{
    private const string Purpose = "cash-tests/upgrade";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADataKeyWrappedBeforeItsDatesWereSealedStillDecryptsButNeverEncryptsAgain()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "upgrade", "upgrade");
        var before = await app.Services.GetRequiredService<FieldCipher>().EncryptAsync("sealed by the earlier version", binding, Ct);
        var earlier = await app.Services.GetRequiredService<FieldKeyRing>().GetActiveKeyAsync(Ct);

        // As the earlier version wrapped it: bound to its id alone.
        var wrappingKey = app.Services.GetRequiredService<MasterKey>().Derive(FieldKeyRing.WrappingPurpose);
        var wrapped = AesGcmEnvelope.Seal(wrappingKey, earlier.Material, earlier.Id.ToByteArray());
        await app.InDatabaseAsync(db => db.DataKeys.Where(k => k.Id == earlier.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, wrapped), Ct));

        await using var upgraded = app.WithWebHostBuilder(_ => { });
        var cipher = upgraded.Services.GetRequiredService<FieldCipher>();
        var after = await cipher.EncryptAsync("sealed by this version", binding, Ct);

        Assert.NotEqual(earlier.Id, FieldCipher.KeyIdOf(after));
        Assert.Equal("sealed by the earlier version", await cipher.DecryptAsync(before, binding, Ct));
        var rows = await app.InDatabaseAsync(db => db.DataKeys.AsNoTracking().ToListAsync(Ct));
        Assert.NotNull(rows.Single(k => k.Id == earlier.Id).RetiredAt);
        Assert.Null(rows.Single(k => k.Id == FieldCipher.KeyIdOf(after)).RetiredAt);

        // What keys rotate does to each value: moved onto the key whose dates are sealed.
        var moved = await cipher.ReencryptAsync(before, binding, Ct);
        Assert.NotNull(moved);
        Assert.Equal(FieldCipher.KeyIdOf(after), FieldCipher.KeyIdOf(moved));
    }

    [Fact]
    public async Task DataProtectionKeysOfAnEarlierVersionAreRemovedAtTheFirstStartAndRefusedWhenPutBack()
    {
        // The ring as the earlier version left it: the key's secret sealed, the key itself in clear.
        await app.InDatabaseAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync(Ct));
        var masterKey = app.Services.GetRequiredService<MasterKey>();
        using var earlier = DataProtectionElsewhere.WithKey(Purpose, new MasterKeyXmlEncryptor(masterKey), masterKey);
        await app.InsertDataProtectionRowAsync(earlier.Element);
        var issuedBefore = earlier.Protect("issued before the upgrade");

        await using (var upgraded = app.WithWebHostBuilder(_ => { }))
        {
            var protector = upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(issuedBefore));
            Assert.Equal("issued after", protector.Unprotect(protector.Protect("issued after")));
        }

        var stored = await app.InDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(stored);
        Assert.All(stored, xml => Assert.StartsWith("<sealedKey ", xml, StringComparison.Ordinal));

        // Put back once the ring is sealed, the same key is a forgery like any other: kept for whoever investigates, never used.
        var rowId = await app.InsertDataProtectionRowAsync(earlier.Element);
        await using (var later = app.WithWebHostBuilder(_ => { }))
        {
            var protector = later.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(issuedBefore));
        }

        Assert.True(await app.InDatabaseAsync(db => db.DataProtectionKeys.AnyAsync(k => k.Id == rowId, Ct)));
        await app.AssertRefusalAuditedAsync("DataProtectionKey", rowId);
    }
}

public sealed class UpgradingTheKeyRingsOnSqlite(SqliteCashApp app) : UpgradingTheKeyRingsTests(app), IClassFixture<SqliteCashApp>;

public sealed class UpgradingTheKeyRingsOnPostgres(PostgresCashApp app) : UpgradingTheKeyRingsTests(app), IClassFixture<PostgresCashApp>;
