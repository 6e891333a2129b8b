using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Xml.Linq;
using Cash.Tests.Infrastructure;
using Cash.Web.Authorization;
using Cash.Web.Domain.People;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// The attacker who can write to the database but does not hold the master key, against the two
/// key rings kept there: a Data Protection key of their own (in clear, naming the null decryptor,
/// sealed by an earlier version with its dates changed, or the app's own key copied under another
/// id) is never used, a second copy of the app's own key leaves the ring working, so a session cookie protected with it signs nobody in; a revocation of their
/// own revokes nothing; an old field-encryption key un-retired and moved forward, or a key of their
/// own, never encrypts new values. Each such row is audited.
/// </summary>
/// <remarks>
/// Each check reads the rings in a new instance of the app on the same database, as a restart or
/// another instance behind the load balancer would: the running one has its rings in memory already.
/// </remarks>
public abstract class TamperingWithTheKeyRingsTests(CashApp app)
{
    private const string Purpose = "cash-tests/forgery";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DataProtectionKeysWrittenIntoTheDatabaseAreNeverUsedAndAreAudited()
    {
        var genuine = WarmUpDataProtection();
        using var inClear = DataProtectionElsewhere.WithKeyInClear(Purpose);
        using var nullDecryptor = DataProtectionElsewhere.WithKey(Purpose, new NullXmlEncryptor());
        using var datesChanged = DataProtectionElsewhere.WithKey(Purpose, new MasterKeyXmlEncryptor(AppMasterKey), AppMasterKey);
        datesChanged.MoveDates(TimeSpan.FromDays(-1), TimeSpan.FromDays(3650));
        var copied = await CopyOfTheAppsOwnKeyAsync(KeyRings.KeyIdOf(genuine));
        var forged = new[] { inClear, nullDecryptor, datesChanged };
        var rows = new List<(Guid KeyId, int RowId)>();
        foreach (var key in forged)
        {
            rows.Add((key.Id, await app.InsertDataProtectionRowAsync(key.Element)));
        }

        rows.Add((copied.Id, await app.InsertDataProtectionRowAsync(copied.Element)));
        var duplicate = await app.InsertDataProtectionRowAsync(await StoredKeyAsync(KeyRings.KeyIdOf(genuine)), "key-copy");

        await using var restarted = app.WithWebHostBuilder(_ => { });
        var protector = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var usedNow = KeyRings.KeyIdOf(protector.Protect("protected after the forgery"));

        Assert.DoesNotContain(usedNow, rows.Select(r => r.KeyId));
        Assert.Equal("protected before the forgery", protector.Unprotect(genuine));
        foreach (var key in forged)
        {
            var payload = key.Protect("forged");
            Assert.Equal(key.Id, KeyRings.KeyIdOf(payload));
            Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(payload));
        }

        foreach (var rowId in rows.Select(r => r.RowId).Append(duplicate))
        {
            await app.AssertRefusalAuditedAsync("DataProtectionKey", rowId);
        }
    }

    [Fact]
    public async Task ASessionCookieProtectedWithAKeyWrittenIntoTheDatabaseSignsNobodyIn()
    {
        WarmUpDataProtection();
        var person = await app.CreateProfessionalAsync(ProRole.Administrator);
        var ticket = await SessionTicketAsync(person);
        using var attacker = DataProtectionElsewhere.WithKeyInClear(Purpose);
        await app.InsertDataProtectionRowAsync(attacker.Element);

        await using var restarted = app.WithWebHostBuilder(_ => { });
        var genuineCookie = CookieProtectedBy(restarted.Services.GetRequiredService<IDataProtectionProvider>(), ticket);
        var forgedCookie = CookieProtectedBy(attacker.Provider, ticket);

        // The same ticket under the app's own key opens the professionals' space: the forgery is faithful.
        using (var genuine = await GetProAsync(restarted, genuineCookie))
        {
            Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        }

        using var forged = await GetProAsync(restarted, forgedCookie);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith("/pro/connexion", forged.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevocationWrittenIntoTheDatabaseRevokesNothing()
    {
        var payload = WarmUpDataProtection();
        var revocation = new XElement(
            "revocation",
            new XAttribute("version", "1"),
            new XElement("revocationDate", DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture)),
            new XElement("key", new XAttribute("id", "*")),
            new XElement("reason", "forged"));
        var rowId = await app.InsertDataProtectionRowAsync(revocation, $"revocation-{DateTimeOffset.UtcNow:yyyy_MM_dd_hh_mm_fffffff}");

        await using var restarted = app.WithWebHostBuilder(_ => { });

        Assert.Equal("protected before the forgery", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));
        await app.AssertRefusalAuditedAsync("DataProtectionKey", rowId);
    }

    [Fact]
    public async Task AnOldDataKeyUnRetiredAndMovedForwardDoesNotEncryptNewValues()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "tampered-ring", "tampered-ring");
        await app.Services.GetRequiredService<FieldCipher>().EncryptAsync("before the rotation", binding, Ct);
        var old = await app.Services.GetRequiredService<FieldKeyRing>().GetActiveKeyIdAsync(Ct);
        Guid rotatedTo;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            rotatedTo = (await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct)).ActiveKeyId;
        }

        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);
        await app.InDatabaseAsync(db => db.DataKeys.Where(k => k.Id == old)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RetiredAt, (DateTimeOffset?)null).SetProperty(k => k.CreatedAt, tomorrow), Ct));

        await using var restarted = app.WithWebHostBuilder(_ => { });
        var written = await restarted.Services.GetRequiredService<FieldCipher>().EncryptAsync("after the tampering", binding, Ct);

        Assert.Equal(rotatedTo, FieldCipher.KeyIdOf(written));
        Assert.Equal("after the tampering", await app.Services.GetRequiredService<FieldCipher>().DecryptAsync(written, binding, Ct));
        await app.AssertRefusalAuditedAsync("DataKey", old.ToString());
    }

    [Fact]
    public async Task ADataKeyWrittenIntoTheDatabaseIsNeitherUsedNorInTheWay()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "forged-key", "forged-key");
        var before = await app.Services.GetRequiredService<FieldCipher>().EncryptAsync("sealed before", binding, Ct);
        var forged = Guid.CreateVersion7();
        await app.InDatabaseAsync(async db =>
        {
            db.DataKeys.Add(new DataKey(forged, RandomNumberGenerator.GetBytes(60), DateTimeOffset.UtcNow.AddDays(1)));
            await db.SaveChangesAsync(Ct);
        });

        await using var restarted = app.WithWebHostBuilder(_ => { });
        var cipher = restarted.Services.GetRequiredService<FieldCipher>();
        var written = await cipher.EncryptAsync("sealed after", binding, Ct);

        Assert.NotEqual(forged, FieldCipher.KeyIdOf(written));
        Assert.Equal("sealed before", await cipher.DecryptAsync(before, binding, Ct));
        await app.AssertRefusalAuditedAsync("DataKey", forged.ToString());
    }

    private MasterKey AppMasterKey => app.Services.GetRequiredService<MasterKey>();

    /// <summary>The app has a key of its own in the table, and a payload protected with it.</summary>
    private string WarmUpDataProtection() =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("protected before the forgery");

    /// <summary>The app's own key, as stored.</summary>
    private async Task<XElement> StoredKeyAsync(Guid keyId)
    {
        var friendlyName = $"key-{keyId:D}";
        return XElement.Parse(await app.InDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking()
            .Where(k => k.FriendlyName == friendlyName).Select(k => k.Xml!).SingleAsync(Ct)));
    }

    /// <summary>The app's own key, as stored, under a new id; with its dates renewed for ten years where they show.</summary>
    private async Task<(Guid Id, XElement Element)> CopyOfTheAppsOwnKeyAsync(Guid keyId)
    {
        var element = await StoredKeyAsync(keyId);
        var id = Guid.NewGuid();
        element.SetAttributeValue("id", id.ToString("D"));
        foreach (var date in element.Descendants().Where(e => e.Name.LocalName is "creationDate" or "activationDate"))
        {
            date.Value = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture);
        }

        foreach (var date in element.Descendants().Where(e => e.Name.LocalName == "expirationDate"))
        {
            date.Value = DateTimeOffset.UtcNow.AddYears(10).ToString("O", CultureInfo.InvariantCulture);
        }

        return (id, element);
    }

    /// <summary>What the app itself would put in a session cookie for <paramref name="person"/>, with a session row the attacker adds too.</summary>
    private async Task<AuthenticationTicket> SessionTicketAsync(TestProfessional person)
    {
        var session = new UserSession(person.Id, DateTimeOffset.UtcNow);
        await app.InDatabaseAsync(async db =>
        {
            db.UserSessions.Add(session);
            await db.SaveChangesAsync(Ct);
        });

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Professional>>()
            .CreateAsync((await users.FindByIdAsync(person.Id.ToString()))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(CashClaims.Session, session.Id.ToString("D")));
        var now = DateTimeOffset.UtcNow;
        return new AuthenticationTicket(
            principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(20) },
            IdentityConstants.ApplicationScheme);
    }

    private static string CookieProtectedBy(IDataProtectionProvider provider, AuthenticationTicket ticket) =>
        new TicketDataFormat(provider.CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", IdentityConstants.ApplicationScheme, "v2")).Protect(ticket);

    private static async Task<HttpResponseMessage> GetProAsync(WebApplicationFactory<Program> instance, string cookie)
    {
        using var browser = instance.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = ProfessionalSessions.SecureAddress,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pro");
        request.Headers.Add("Cookie", $"__Host-cash-session={cookie}");
        return await browser.SendAsync(request, Ct);
    }
}

public sealed class TamperingWithTheKeyRingsOnSqlite(SqliteCashApp app) : TamperingWithTheKeyRingsTests(app), IClassFixture<SqliteCashApp>;

public sealed class TamperingWithTheKeyRingsOnPostgres(PostgresCashApp app) : TamperingWithTheKeyRingsTests(app), IClassFixture<PostgresCashApp>;
