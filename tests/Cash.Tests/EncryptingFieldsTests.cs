using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cash.Tests;

/// <summary>
/// Sensitive fields, second-factor secrets and both key rings are encrypted at rest: a copy of the
/// database without the master key reveals none of them, and keys rotate without losing a value.
/// </summary>
public abstract class EncryptingFieldsTests(CashApp app)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected CashApp App => app;

    private FieldCipher Cipher => app.Services.GetRequiredService<FieldCipher>();

    [Fact]
    public async Task AFieldRoundTripsAndNamesTheActiveKey()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "42", "HelpRequests/42");
        const string text = "Léa, 13 ans, est insultée chaque jour dans le bus.";

        var blob = await Cipher.EncryptAsync(text, binding, Ct);

        Assert.Equal(text, await Cipher.DecryptAsync(blob, binding, Ct));
        Assert.Equal(text, Cipher.Decrypt(blob, binding));
        Assert.Equal(text, Cipher.Decrypt(Cipher.Encrypt(text, binding), binding));
        Assert.Equal(FieldCipher.FormatVersion, blob[0]);
        Assert.Equal(await app.Services.GetRequiredService<FieldKeyRing>().GetActiveKeyIdAsync(Ct), FieldCipher.KeyIdOf(blob));
        Assert.False(await Cipher.NeedsReencryptionAsync(blob, Ct));
        Assert.NotEqual(blob, await Cipher.EncryptAsync(text, binding, Ct));
        Assert.False(Contains(blob, Encoding.UTF8.GetBytes("insultée")));
    }

    [Fact]
    public async Task AnAlteredBlobIsRefusedWithoutSayingWhatItHeld()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "row-17", "HelpRequests/row-17");
        const string text = "secret-narrative";
        var blob = await Cipher.EncryptAsync(text, binding, Ct);

        // Version, key id, nonce, tag, first and last ciphertext bytes.
        foreach (var position in new[] { 0, 1, 16, 17, 28, 29, 44, 45, blob.Length - 1 })
        {
            var altered = blob.ToArray();
            altered[position] ^= 0x01;
            var refused = await Assert.ThrowsAsync<FieldDecryptionException>(() => Cipher.DecryptAsync(altered, binding, Ct).AsTask());
            Assert.DoesNotContain(text, refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(binding.RowId, refused.Message, StringComparison.Ordinal);
        }

        await Assert.ThrowsAsync<FieldDecryptionException>(() => Cipher.DecryptAsync(blob[..40], binding, Ct).AsTask());
        await Assert.ThrowsAsync<FieldDecryptionException>(() => Cipher.DecryptAsync([], binding, Ct).AsTask());
        Assert.Throws<FieldDecryptionException>(() => Cipher.Decrypt(blob[..^1], binding));
    }

    [Fact]
    public async Task AValueMovedToAnotherRowColumnTableOrRecordIsRefused()
    {
        var binding = new FieldBinding("Situations", "Narrative", "7", "Cases/3");
        var blob = await Cipher.EncryptAsync("what happened", binding, Ct);

        foreach (var elsewhere in new[]
        {
            new FieldBinding("Situations", "Narrative", "8", "Cases/3"),
            new FieldBinding("Situations", "Outcome", "7", "Cases/3"),
            new FieldBinding("HelpRequests", "Narrative", "7", "Cases/3"),
            new FieldBinding("Situations", "Narrativ", "e7", "Cases/3"),
            new FieldBinding("Situations", "Narrative", "7", "Cases/4"),
            new FieldBinding("Situations", "Narrative", "7", "Cases/3/Sender"),
        })
        {
            await Assert.ThrowsAsync<FieldDecryptionException>(() => Cipher.DecryptAsync(blob, elsewhere, Ct).AsTask());
        }
    }

    [Fact]
    public async Task TwoFactorSecretsWorkThroughIdentityAndAreStoredEncrypted()
    {
        var (id, _) = await NewProfessionalAsync();
        string authenticatorKey;
        List<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            authenticatorKey = (await users.GetAuthenticatorKeyAsync(user))!;
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!];

            Assert.Equal(10, await users.CountRecoveryCodesAsync(user));
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
            Assert.Equal(9, await users.CountRecoveryCodesAsync(user));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            Assert.Equal(authenticatorKey, await users.GetAuthenticatorKeyAsync(user));
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(user, codes[1])).Succeeded);
        }

        var stored = await StoredTokensAsync(id);
        Assert.Equal(2, stored.Count);
        foreach (var value in stored)
        {
            var blob = Convert.FromBase64String(value);
            Assert.Equal(FieldCipher.FormatVersion, blob[0]);
            Assert.DoesNotContain(authenticatorKey, value, StringComparison.Ordinal);
            Assert.All(codes, code => Assert.False(Contains(blob, Encoding.UTF8.GetBytes(code))));
        }
    }

    [Fact]
    public async Task ATokenCopiedToAnotherPersonDoesNotDecrypt()
    {
        var (alice, _) = await NewProfessionalAsync();
        var (bob, _) = await NewProfessionalAsync();
        await ResetAuthenticatorKeyAsync(alice);
        await ResetAuthenticatorKeyAsync(bob);

        await app.InDatabaseAsync(async db =>
        {
            var alicesKey = await db.UserTokens.Where(t => t.UserId == alice).Select(t => t.Value).SingleAsync(Ct);
            await db.UserTokens.Where(t => t.UserId == bob).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, alicesKey), Ct);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(bob.ToString()))!;
            await Assert.ThrowsAsync<FieldDecryptionException>(() => users.GetAuthenticatorKeyAsync(user));
        }

        // A rotation goes past the unreadable token and leaves it as it is.
        var bobsToken = (await StoredTokensAsync(bob)).Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var rotated = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);
            Assert.Equal(rotated.ActiveKeyId, FieldCipher.KeyIdOf(Convert.FromBase64String((await StoredTokensAsync(alice)).Single())));
        }

        Assert.Equal(bobsToken, (await StoredTokensAsync(bob)).Single());
    }

    [Fact]
    public async Task TheStoredBytesHoldNoSecretInClear()
    {
        var (id, displayName) = await NewProfessionalAsync();
        var totpSecret = $"TOTP-SECRET-{Guid.NewGuid():N}";
        string authenticatorKey;
        IEnumerable<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            Assert.True((await users.SetAuthenticationTokenAsync(user, "cash-tests", "known", totpSecret)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            authenticatorKey = (await users.GetAuthenticatorKeyAsync(user))!;
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!;
            Assert.Equal(totpSecret, await users.GetAuthenticationTokenAsync(user, "cash-tests", "known"));
        }

        var dataKey = await app.Services.GetRequiredService<FieldKeyRing>().GetActiveKeyAsync(Ct);
        var stored = await ReadStoredBytesAsync();

        // The scan does see what is stored in clear: the person's display name.
        Assert.True(Contains(stored, Encoding.UTF8.GetBytes(displayName)), "The stored bytes should show the unencrypted display name.");
        Assert.False(Contains(stored, Encoding.UTF8.GetBytes(totpSecret)), "A token value is stored in clear.");
        Assert.False(Contains(stored, Encoding.UTF8.GetBytes(authenticatorKey)), "The TOTP authenticator key is stored in clear.");
        Assert.All(codes, code => Assert.False(Contains(stored, Encoding.UTF8.GetBytes(code)), "A recovery code is stored in clear."));
        Assert.False(Contains(stored, dataKey.Material), "A data key is stored unwrapped.");
    }

    [Fact]
    public async Task AfterRotationOldValuesStillReadAndAreReencryptedUnderTheNewKey()
    {
        var (id, _) = await NewProfessionalAsync();
        var authenticatorKey = await ResetAuthenticatorKeyAsync(id);
        var before = FieldCipher.KeyIdOf(Convert.FromBase64String((await StoredTokensAsync(id)).Single()));
        var binding = new FieldBinding("Situations", "Narrative", "rotation", "Cases/rotation");
        var keptElsewhere = await Cipher.EncryptAsync("sealed before the rotation", binding, Ct);

        KeyRotationResult result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);
        }

        Assert.NotEqual(before, result.ActiveKeyId);
        Assert.True(result.ReencryptedByColumn["ProfessionalTokens.Value"] >= 1);
        Assert.Equal(result.ActiveKeyId, FieldCipher.KeyIdOf(Convert.FromBase64String((await StoredTokensAsync(id)).Single())));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            Assert.Equal(authenticatorKey, await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(id.ToString()))!));
        }

        Assert.Equal("sealed before the rotation", await Cipher.DecryptAsync(keptElsewhere, binding, Ct));
        Assert.True(await Cipher.NeedsReencryptionAsync(keptElsewhere, Ct));
        var resealed = await Cipher.ReencryptAsync(keptElsewhere, binding, Ct);
        Assert.NotNull(resealed);
        Assert.Equal(result.ActiveKeyId, FieldCipher.KeyIdOf(resealed));
        Assert.Null(await Cipher.ReencryptAsync(resealed, binding, Ct));

        var keys = await app.InDatabaseAsync(db => db.DataKeys.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(result.ActiveKeyId, Assert.Single(keys, k => k.RetiredAt is null).Id);
        Assert.NotNull(keys.Single(k => k.Id == before).RetiredAt);

        // A second run finds nothing left to do.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);
            Assert.NotEqual(result.ActiveKeyId, again.ActiveKeyId);
        }
    }

    [Fact]
    public async Task AnotherInstanceFollowsARotationItDidNotMake()
    {
        var binding = new FieldBinding("HelpRequests", "Contact", "shared", "HelpRequests/shared");
        await using var other = app.WithWebHostBuilder(_ => { });
        Guid rotatedTo;
        await using (var scope = other.Services.CreateAsyncScope())
        {
            rotatedTo = (await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct)).ActiveKeyId;
        }

        var written = await other.Services.GetRequiredService<FieldCipher>().EncryptAsync("0470 12 34 56", binding, Ct);

        Assert.Equal(rotatedTo, FieldCipher.KeyIdOf(written));
        Assert.Equal("0470 12 34 56", await Cipher.DecryptAsync(written, binding, Ct));
    }

    [Fact]
    public async Task DataProtectionKeysAreStoredSealedUnderTheMasterKeyAndSharedByInstances()
    {
        var payload = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cash-tests").Protect("shared secret");

        var rows = await app.InDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync(Ct));
        Assert.NotEmpty(rows);
        foreach (var xml in rows.Select(r => r.Xml!).Where(x => x.StartsWith("<sealedKey", StringComparison.Ordinal)))
        {
            // Nothing of the key shows but its id: not its dates, its algorithms, its decryptor or its secret.
            Assert.DoesNotContain("<key", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("Date", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("decryptorType", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }

        await using var other = app.WithWebHostBuilder(_ => { });
        Assert.Equal("shared secret", other.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cash-tests").Unprotect(payload));

        // Opened with the master key: the key Data Protection wrote, its secret sealed once more inside.
        var keyId = new Guid(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(payload).AsSpan(4, 16));
        var opened = new SealedDataProtectionKeys(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<MasterKey>())
            .GetAllElements().Single(e => e.Name.LocalName == "key" && (string?)e.Attribute("id") == keyId.ToString("D"));
        Assert.NotNull(opened.Element("creationDate"));
        var secret = opened.Descendants().Single(e => e.Name.LocalName == "encryptedSecret");
        Assert.StartsWith(typeof(MasterKeyXmlDecryptor).FullName + ",", (string?)secret.Attribute("decryptorType"), StringComparison.Ordinal);
        var descriptor = new MasterKeyXmlDecryptor(app.Services).Decrypt(secret.Elements().Single());
        Assert.Equal("masterKey", descriptor.Name.LocalName);
        Assert.NotEmpty(descriptor.Elements().Single(e => e.Name.LocalName == "value").Value);
    }

    [Fact]
    public async Task ACopyOfTheDatabaseWithAnotherMasterKeyOpensNeitherKeyRing()
    {
        var binding = new FieldBinding("HelpRequests", "Text", "stolen", "HelpRequests/stolen");
        var blob = await Cipher.EncryptAsync("nothing to see", binding, Ct);
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cash-tests").Protect("warm up");
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var sealedDescriptor = new SealedDataProtectionKeys(scopes, app.Services.GetRequiredService<MasterKey>())
            .GetAllElements().First(e => e.Name.LocalName == "key")
            .Descendants().Single(e => e.Name.LocalName == "sealedWithMasterKey");

        var thief = new MasterKey(RandomNumberGenerator.GetBytes(MasterKey.Length));
        using var thiefsRing = new FieldKeyRing(scopes, thief, TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new FieldCipher(thiefsRing).DecryptAsync(blob, binding, Ct).AsTask());

        Assert.Empty(new SealedDataProtectionKeys(scopes, thief).GetAllElements());
        await using var thiefsServices = new ServiceCollection().AddSingleton(thief).BuildServiceProvider();
        Assert.ThrowsAny<CryptographicException>(() => new MasterKeyXmlDecryptor(thiefsServices).Decrypt(sealedDescriptor));
    }

    [Fact]
    public async Task ARotationReencryptsEveryRowLeftWhenRowsAreDeletedWhileItRuns()
    {
        // More than two pages of messages in one thread.
        const int written = (2 * RotationPage) + 50;
        var requestId = await app.NewHelpRequest().To(null).Text("Un fil très long").SaveAsync();
        await app.InDatabaseAsync(async db =>
        {
            var request = await db.HelpRequests.SingleAsync(r => r.Id == requestId, Ct);
            for (var i = 0; i < written; i++)
            {
                var messageId = Guid.CreateVersion7();
                db.HelpMessages.Add(request.Write(MessageAuthor.Sender, await HelpColumns.MessageBodies.EncryptAsync(Cipher, $"message {i}", messageId, new HelpColumns.MessageOwner(request.Id, MessageAuthor.Sender), Ct), messageId, null, DateTimeOffset.UtcNow));
            }

            await db.SaveChangesAsync(Ct);
        });

        // As the second page is read, half of the first page (already re-encrypted) is deleted, as the expiry job would.
        var deleting = new DeleteWhenThePageIsRead(app, "HelpMessages", page: 2, count: RotationPage / 2);
        KeyRotationResult result;
        await using (var db = OpenContext(deleting))
        {
            var rotation = new KeyRotation(
                app.Services.GetRequiredService<FieldKeyRing>(),
                Cipher,
                app.Services.GetServices<IEncryptedColumn>(),
                db,
                app.Services.GetRequiredService<ILogger<KeyRotation>>());
            result = await rotation.RotateAsync(Ct);
        }

        Assert.Equal(RotationPage / 2, deleting.Deleted);
        var left = await app.InDatabaseAsync(db => db.HelpMessages.AsNoTracking().Select(m => new { m.Id, m.Body }).ToListAsync(Ct));
        Assert.True(left.Count >= written - (RotationPage / 2));
        var stale = left.Count(m => FieldCipher.KeyIdOf(m.Body) != result.ActiveKeyId);
        Assert.True(stale == 0, $"{stale} of {left.Count} messages were left under the old key.");

        // The report says what was re-sealed: every message, those deleted after it included, and none unreadable.
        Assert.Equal(written, result.ReencryptedByColumn["HelpMessages.Body"]);
        Assert.Equal(0, result.UnreadableByColumn["HelpMessages.Body"]);
        Assert.True(result.ReencryptedByColumn["HelpRequests.Text"] >= 1);
    }

    [Fact]
    public async Task TokensBeyondOnePageAreAllReencrypted()
    {
        var (id, _) = await NewProfessionalAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            for (var i = 0; i < RotationPage + 30; i++)
            {
                Assert.True((await users.SetAuthenticationTokenAsync(user, "cash-tests", $"token-{i:D3}", $"value {i}")).Succeeded);
            }
        }

        KeyRotationResult result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RotateAsync(Ct);
        }

        var tokens = await StoredTokensAsync(id);
        Assert.Equal(RotationPage + 30, tokens.Count);
        Assert.All(tokens, t => Assert.Equal(result.ActiveKeyId, FieldCipher.KeyIdOf(Convert.FromBase64String(t))));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            var user = (await users.FindByIdAsync(id.ToString()))!;
            Assert.Equal("value 7", await users.GetAuthenticationTokenAsync(user, "cash-tests", "token-007"));
        }
    }

    private const int RotationPage = 200;

    private CashDbContext OpenContext(IInterceptor interceptor) => app.Database.Provider == DatabaseProvider.Postgres
        ? new PostgresCashDbContext(new DbContextOptionsBuilder<PostgresCashDbContext>().UseNpgsql(app.Database.ConnectionString).AddInterceptors(interceptor).Options)
        : new SqliteCashDbContext(new DbContextOptionsBuilder<SqliteCashDbContext>().UseSqlite(app.Database.ConnectionString).AddInterceptors(interceptor).Options);

    /// <summary>Deletes the first rows of a table, in key order, just before the given page of it is read.</summary>
    private sealed class DeleteWhenThePageIsRead(CashApp app, string table, int page, int count) : DbCommandInterceptor
    {
        private int reads;

        public int Deleted { get; private set; }

        public override async ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal)
                && ++reads == page)
            {
                Deleted = await app.InDatabaseAsync(async db =>
                {
                    var first = await db.HelpMessages.OrderBy(m => m.Id).Select(m => m.Id).Take(count).ToListAsync(cancellationToken);
                    return await db.HelpMessages.Where(m => first.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
                });
            }

            return result;
        }
    }

    /// <summary>Every byte the database keeps for this app, as it sits on disk.</summary>
    protected abstract Task<byte[]> ReadStoredBytesAsync();

    protected static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private async Task<(Guid Id, string DisplayName)> NewProfessionalAsync()
    {
        var displayName = $"Display-{Guid.NewGuid():N}";
        var professional = new Professional($"{Guid.NewGuid():N}@example.org", displayName, ProRole.Administrator, null);
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserManager<Professional>>().CreateAsync(professional);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Code)));
        return (professional.Id, displayName);
    }

    private async Task<string> ResetAuthenticatorKeyAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private Task<List<string>> StoredTokensAsync(Guid id) =>
        app.InDatabaseAsync(db => db.UserTokens.AsNoTracking().Where(t => t.UserId == id).Select(t => t.Value!).ToListAsync(Ct));
}

public sealed class EncryptingFieldsOnSqlite(SqliteCashApp app) : EncryptingFieldsTests(app), IClassFixture<SqliteCashApp>
{
    /// <summary>The database file and its write-ahead log, as a thief copying the folder would get them.</summary>
    protected override async Task<byte[]> ReadStoredBytesAsync()
    {
        var file = ((SqliteTestDatabase)App.Database).FilePath;
        using var stored = new MemoryStream();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            // The app keeps the file open; share it rather than wait.
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(stored, Ct);
        }

        return stored.ToArray();
    }
}

public sealed class EncryptingFieldsOnPostgres(PostgresCashApp app) : EncryptingFieldsTests(app), IClassFixture<PostgresCashApp>
{
    /// <summary>
    /// The heap and TOAST files of every table in the app's schema, read by the server after a
    /// checkpoint flushed them, then the tokens as the column gives them (text) and as bytes.
    /// </summary>
    protected override async Task<byte[]> ReadStoredBytesAsync()
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection))
        {
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        const string everything = """
            SELECT pg_read_binary_file(pg_relation_filepath(r.oid))
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class r ON r.oid = c.oid OR r.oid = c.reltoastrelid
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            UNION ALL
            SELECT convert_to("Value", 'UTF8') FROM "ProfessionalTokens" WHERE "Value" IS NOT NULL
            UNION ALL
            SELECT decode("Value", 'base64') FROM "ProfessionalTokens" WHERE "Value" IS NOT NULL
            """;
        using var stored = new MemoryStream();
        await using var command = new NpgsqlCommand(everything, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            stored.Write(reader.GetFieldValue<byte[]>(0));
        }

        return stored.ToArray();
    }
}

/// <summary>A master key generated on the spot (no configured key, no file) is reported, outside development, by where it lies only.</summary>
public sealed class EncryptingFieldsWithAGeneratedMasterKeyTests
{
    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public void TheOperatorIsWarnedOutsideDevelopmentWithoutSeeingTheKey(string environment, bool warned)
    {
        var folder = Directory.CreateTempSubdirectory("cash-master-key-");
        try
        {
            var file = Path.Combine(folder.FullName, "master.key");
            var logs = new CollectedLogs();
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { [MasterKey.FileConfigurationKey] = file })
                    .Build())
                .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment, ContentRootPath = folder.FullName })
                .AddLogging(logging => logging.AddProvider(logs))
                .AddDbContext<CashDbContext, SqliteCashDbContext>(options => options.UseSqlite($"Data Source={Path.Combine(folder.FullName, "cash.db")}"))
                .AddCashProtection();
            using (var provider = services.BuildServiceProvider())
            {
                Assert.True(provider.GetRequiredService<MasterKey>().WasGenerated);
            }

            var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
            Assert.Equal(warned, warnings.Any(m => m.Contains(file, StringComparison.Ordinal)));
            Assert.All(warnings, m => Assert.DoesNotContain(File.ReadAllText(file).Trim(), m, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class CollectedLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
