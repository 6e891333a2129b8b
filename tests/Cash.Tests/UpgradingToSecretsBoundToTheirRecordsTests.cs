using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Cash.Web.Security;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// A database of the release before secrets named their record: at the upgrade every thread, every
/// receipt and every second-factor secret stays usable, now bound to its record; the clear
/// submission keys are gone; and from then on a value of the old format is read nowhere.
/// </summary>
public abstract class UpgradingToSecretsBoundToTheirRecordsTests(CashApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUpgradedDatabaseKeepsEveryThreadAndSecretUsableAndReadsNoOldValueAfterwards()
    {
        // The database as the earlier release left it: every migration before the upgrade's.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(id => id.EndsWith("_" + BindingUpgrade.AfterMigration, StringComparison.Ordinal)) - 1];
            await db.Database.MigrateAsync(before, Ct);
        }

        var key = await app.Services.GetRequiredService<FieldKeyRing>().GetActiveKeyAsync(Ct);
        var receipts = app.Services.GetRequiredService<ReceiptCodes>();
        var submissionKey = Guid.NewGuid();
        var code = receipts.CodeFor(submissionKey, 0);
        var requestId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        const string text = "Écrit avant la mise à jour";
        const string answer = "Répondu avant la mise à jour";
        await InsertLegacyRequestAsync(key, requestId, submissionKey, code, text);
        await InsertLegacyMessageAsync(key, messageId, requestId, answer);
        var person = await app.CreateProfessionalAsync(ProRole.Administrator);
        await SealTokensInTheLegacyFormatAsync(key, person.Id);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(Ct);
        }

        // The sender still opens the thread with the code, and reads it.
        using var sender = app.NewBrowser();
        var (_, thread) = await sender.OpenThreadAsync(code);
        Assert.Equal(new[] { text, answer }, thread.QuerySelectorAll(".thread .request-text").Select(p => p.TextContent));

        // The same form sent again still shows its code, found from the key's hash alone.
        var fields = HelpForms.Valid("Renvoyé après la mise à jour");
        fields["Input.SubmissionKey"] = submissionKey.ToString();
        Assert.Equal(code, HelpForms.ReceiptOn((await sender.SendAsync(fields)).Page));

        // The second factor still works.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            Assert.Equal(person.AuthenticatorKey, await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(person.Id.ToString()))!));
        }

        // Nothing of the old format is left, and the clear submission keys are gone.
        var stored = await app.InDatabaseAsync(async db => new
        {
            Request = await db.HelpRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, Ct),
            Message = await db.HelpMessages.AsNoTracking().SingleAsync(m => m.Id == messageId, Ct),
            Tokens = await db.UserTokens.AsNoTracking().Where(t => t.UserId == person.Id).Select(t => t.Value!).ToListAsync(Ct),
        });
        Assert.Equal(FieldCipher.FormatVersion, stored.Request.Text[0]);
        Assert.Equal(FieldCipher.FormatVersion, stored.Message.Body[0]);
        Assert.All(stored.Tokens, t => Assert.Equal(FieldCipher.FormatVersion, Convert.FromBase64String(t)[0]));
        Assert.Equal(receipts.SubmissionKeyHash(submissionKey), stored.Request.SubmissionKeyHash);
        await Assert.ThrowsAnyAsync<DbException>(() => app.InDatabaseAsync(db =>
            db.Database.SqlQuery<Guid>($"SELECT \"SubmissionKey\" AS \"Value\" FROM \"HelpRequests\"").ToListAsync(Ct)));

        // From now on a value of the old format opens nowhere, even in its own row, and a restart upgrades nothing again.
        var planted = SealLegacy(key, "Glissé après la mise à jour", "HelpMessages", "Body", messageId.ToString());
        await app.InDatabaseAsync(db => db.HelpMessages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, planted), Ct));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(Ct);
        }

        using var again = app.NewBrowser();
        var (_, after) = await again.OpenThreadAsync(code);
        Assert.DoesNotContain("Glissé", after.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(Translations.Portal("FollowUp.Thread.Unreadable", "fr"), after.QuerySelector(".thread .request-text.unreadable")?.TextContent);
        Assert.Equal(planted, await app.InDatabaseAsync(db => db.HelpMessages.Where(m => m.Id == messageId).Select(m => m.Body).SingleAsync(Ct)));
    }

    /// <summary>A request as the earlier release wrote it: the submission key in clear, the receipt hash without the request's id, the text bound to its row only.</summary>
    private Task<int> InsertLegacyRequestAsync(FieldKey key, Guid id, Guid submissionKey, string code, string text)
    {
        var masterKey = app.Services.GetRequiredService<MasterKey>();
        var salt = RandomNumberGenerator.GetBytes(ReceiptCodes.SaltLength);
        var hash = HMACSHA256.HashData(masterKey.Derive("cash/receipt/hash/v1"), salt.Concat(Encoding.ASCII.GetBytes(code)).ToArray());
        var body = SealLegacy(key, text, "HelpRequests", "Text", id.ToString());
        var now = At(DateTimeOffset.UtcNow);
        return app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "HelpRequests" ("Id", "SubmissionKey", "PartnerServiceId", "ReceiptId", "ReceiptSalt", "ReceiptHash",
                "SenderRole", "AgeBand", "SchoolId", "Forms", "HappensOnline", "Since", "Wishes", "Text", "ReplyChannel", "Contact",
                "MayContactSchool", "MayForward", "Status", "Outcome", "CreatedAt", "LastActivityAt", "AcknowledgedAt", "EscalatedAt", "ClosedAt", "Version")
            VALUES ({id}, {submissionKey}, NULL, {ReceiptCodes.IdOf(code)}, {salt}, {hash},
                'YoungTarget', 'From13To15', NULL, 1, {false}, 'Weeks', 1, {body}, 'Receipt', NULL,
                {false}, {false}, 'New', NULL, {now}, {now}, NULL, NULL, NULL, 0)
            """, Ct));
    }

    private Task<int> InsertLegacyMessageAsync(FieldKey key, Guid id, Guid requestId, string text)
    {
        var body = SealLegacy(key, text, "HelpMessages", "Body", id.ToString());
        var at = At(DateTimeOffset.UtcNow.AddMinutes(1));
        return app.InDatabaseAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "HelpMessages" ("Id", "HelpRequestId", "Author", "PartnerServiceId", "ProfessionalId", "Body", "At")
            VALUES ({id}, {requestId}, 'Service', NULL, NULL, {body}, {at})
            """, Ct));
    }

    /// <summary>The person's second-factor secrets, as the earlier release sealed them.</summary>
    private async Task SealTokensInTheLegacyFormatAsync(FieldKey key, Guid userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var tokens = await db.UserTokens.Where(t => t.UserId == userId).ToListAsync(Ct);
        Assert.NotEmpty(tokens);
        foreach (var token in tokens)
        {
            var rowId = $"{token.UserId:D}/{token.LoginProvider}/{token.Name}";
            var clear = await cipher.DecryptAsync(Convert.FromBase64String(token.Value!), new FieldBinding("ProfessionalTokens", "Value", rowId, $"Professionals/{token.UserId:D}"), Ct);
            token.Value = Convert.ToBase64String(SealLegacy(key, clear, "ProfessionalTokens", "Value", rowId));
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The first format: version 1 ‖ key id ‖ nonce ‖ tag ‖ ciphertext, bound to table, column and row only.</summary>
    private static byte[] SealLegacy(FieldKey key, string text, string table, string column, string rowId)
    {
        var clear = Encoding.UTF8.GetBytes(text);
        var blob = new byte[17 + 12 + 16 + clear.Length];
        blob[0] = FieldCipher.LegacyFormatVersion;
        key.Id.TryWriteBytes(blob.AsSpan(1, 16));
        var associated = new List<byte>(blob[..17]);
        foreach (var part in new[] { table, column, rowId })
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            associated.AddRange(length);
            associated.AddRange(bytes);
        }

        var nonce = blob.AsSpan(17, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Material, 16);
        aes.Encrypt(nonce, clear, blob.AsSpan(45), blob.AsSpan(29, 16), associated.ToArray());
        return blob;
    }

    /// <summary>A moment as the database stores it: UTC ticks on SQLite (see CashDbContext), a timestamp on PostgreSQL.</summary>
    private object At(DateTimeOffset moment) =>
        app.Provider == DatabaseProvider.Sqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(moment)! : moment;
}

public sealed class UpgradingToSecretsBoundToTheirRecordsOnSqlite(SqliteUnmigratedCashApp app) : UpgradingToSecretsBoundToTheirRecordsTests(app), IClassFixture<SqliteUnmigratedCashApp>;

public sealed class UpgradingToSecretsBoundToTheirRecordsOnPostgres(PostgresUnmigratedCashApp app) : UpgradingToSecretsBoundToTheirRecordsTests(app), IClassFixture<PostgresUnmigratedCashApp>;
