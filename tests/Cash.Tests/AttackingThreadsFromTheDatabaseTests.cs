using System.Data.Common;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Audit;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.HelpRequests;
using Cash.Web.Security.Encryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Someone who can read and write the database (an SQL console, a restored backup, a replica) but
/// does not hold the master key: copying a receipt or moving a message opens no one else's thread,
/// and reading the rows as requests arrive gives no receipt code away.
/// </summary>
public abstract class AttackingThreadsFromTheDatabaseTests(CashApp app)
{
    private const string Declic = "le-declic";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReceiptCopiedOntoAnotherRequestOpensNothingThere()
    {
        using var attacker = app.NewBrowser();
        var attackersCode = await attacker.SendValidAsync("Ma propre demande " + Guid.NewGuid());
        var victimsText = "Ce que la victime a confié " + Guid.NewGuid();
        var victim = await app.NewHelpRequest().To(Declic).Text(victimsText).SaveAsync();

        // The attacker's own receipt (look-up id, salt, hash) onto the victim's row; their own row steps aside.
        await app.InDatabaseAsync(async db =>
        {
            var own = await db.HelpRequests.AsNoTracking().SingleAsync(r => r.ReceiptId == ReceiptCodes.IdOf(attackersCode), Ct);
            await db.HelpRequests.Where(r => r.Id == own.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReceiptId, "moved"), Ct);
            await db.HelpRequests.Where(r => r.Id == victim).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.ReceiptId, own.ReceiptId).SetProperty(r => r.ReceiptSalt, own.ReceiptSalt).SetProperty(r => r.ReceiptHash, own.ReceiptHash),
                Ct);
        });

        var (_, page) = await attacker.OpenThreadAsync(attackersCode);

        Assert.DoesNotContain(victimsText, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".thread"));
        Assert.Null(page.QuerySelector("input[name='Ticket']"));
        Assert.Equal(Translations.Portal("FollowUp.Code.NotFound", "fr"), page.QuerySelector(".error-summary a")?.TextContent);
    }

    [Fact]
    public async Task AMessageMovedToAnotherThreadIsNotReadThereAndTheEventIsAudited()
    {
        var victim = await app.NewHelpRequest().To(Declic).Text("La demande de la victime").SaveAsync();
        var confided = "Ce que la victime a répondu " + Guid.NewGuid();
        var answered = "Ce que le service a répondu à la victime " + Guid.NewGuid();
        var reply = await WriteAsync(victim, MessageAuthor.Sender, confided);
        var answer = await WriteAsync(victim, MessageAuthor.Service, answered);
        var attackers = await app.NewHelpRequest().To(Declic).Text("La demande de l’attaquant").WithCode(out var attackersCode).SaveAsync();

        // The victim's messages are given the attacker's request.
        await app.InDatabaseAsync(db => db.HelpMessages.Where(m => m.HelpRequestId == victim)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.HelpRequestId, attackers), Ct));

        // The attacker reads their own thread with their own code: the messages are there, unreadable.
        using var attacker = app.NewBrowser();
        var (_, thread) = await attacker.OpenThreadAsync(attackersCode);
        var html = thread.DocumentElement.OuterHtml;
        Assert.DoesNotContain(confided, html, StringComparison.Ordinal);
        Assert.DoesNotContain(answered, html, StringComparison.Ordinal);
        Assert.Equal("La demande de l’attaquant", thread.QuerySelector(".thread .request-text")?.TextContent);
        var unreadable = thread.QuerySelectorAll(".thread .request-text.unreadable");
        Assert.Equal(2, unreadable.Length);
        Assert.All(unreadable, p => Assert.Equal(Translations.Portal("FollowUp.Thread.Unreadable", "fr"), p.TextContent));
        Assert.Equal(1, await UnreadableEntriesAsync(reply, actor: null));
        Assert.Equal(1, await UnreadableEntriesAsync(answer, actor: null));

        // The service opening the attacker's request does not read them either; the event names who saw it.
        var (member, person) = await app.SignInAsAsync(ProRole.Member, Declic);
        var details = await member.GetPageAsync($"/pro/demandes/{attackers}");
        Assert.DoesNotContain(confided, details.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(answered, details.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(2, details.QuerySelectorAll(".thread .request-text.unreadable").Length);
        Assert.All(details.QuerySelectorAll(".thread .request-text.unreadable"), p => Assert.Equal(Translations.ProSpace("Inbox.Details.Unreadable", "fr"), p.TextContent));
        Assert.Equal(1, await UnreadableEntriesAsync(reply, person.Id));
        Assert.Equal(1, await UnreadableEntriesAsync(answer, person.Id));
    }

    [Fact]
    public async Task AMessageGivenToTheOtherSideOfItsThreadIsNotRead()
    {
        var said = "Message du jeune " + Guid.NewGuid();
        var request = await app.NewHelpRequest().To(Declic).WithCode(out var code).SaveAsync();
        var reply = await WriteAsync(request, MessageAuthor.Sender, said);

        // Made to look as if the service had written it.
        await app.InDatabaseAsync(db => db.HelpMessages.Where(m => m.Id == reply)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Author, MessageAuthor.Service), Ct));

        using var browser = app.NewBrowser();
        var (_, thread) = await browser.OpenThreadAsync(code);
        Assert.DoesNotContain(said, thread.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(Translations.Portal("FollowUp.Thread.Unreadable", "fr"), thread.QuerySelector(".from-service .request-text")?.TextContent);
        Assert.Equal(1, await UnreadableEntriesAsync(reply, actor: null));
    }

    [Fact]
    public async Task NothingReadFromTheDatabaseAsARequestArrivesGivesItsCodeAway()
    {
        using var sender = app.NewBrowser();
        var form = await sender.GetPageAsync("/aide");
        var key = Guid.Parse(form.QuerySelector("input[name='Input.SubmissionKey']")!.GetAttribute("value")!);
        var fields = HelpForms.Valid("Lu pendant l’envoi " + Guid.NewGuid());
        fields["Input.SubmissionKey"] = key.ToString();
        var code = HelpForms.ReceiptOn((await sender.SendAsync(fields)).Page);
        Assert.NotNull(code);

        // Every value of the request's row, as an SQL console shows it the moment it is committed.
        var stored = await StoredRowAsync(ReceiptCodes.IdOf(code));
        foreach (var (column, value) in stored)
        {
            var bytes = value switch
            {
                byte[] blob => blob,
                Guid guid => guid.ToByteArray(),
                _ => Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            };
            var text = Encoding.UTF8.GetString(bytes);
            Assert.False(Contains(bytes, key.ToByteArray()) || Contains(bytes, key.ToByteArray(bigEndian: true)), $"{column} holds the submission key.");
            Assert.False(text.Contains(key.ToString("N"), StringComparison.OrdinalIgnoreCase) || text.Contains(key.ToString("D"), StringComparison.OrdinalIgnoreCase), $"{column} holds the submission key.");
            Assert.False(text.Contains(code[ReceiptCodes.IdLength..], StringComparison.Ordinal), $"{column} holds the secret part of the code.");
        }

        // What is kept of the key is a hash under a key derived from the master key.
        var keptHash = Assert.IsType<byte[]>(stored.Single(v => v.Column == nameof(HelpRequest.SubmissionKeyHash)).Value);
        Assert.Equal(app.Services.GetRequiredService<ReceiptCodes>().SubmissionKeyHash(key), keptHash);
        var thiefs = new ReceiptCodes(new Cash.Web.Security.MasterKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        Assert.NotEqual(thiefs.SubmissionKeyHash(key), keptHash);

        // Every value of the row that could be a form's key, sent as one from another browser within the 15 minutes: no code.
        using var thief = app.NewBrowser();
        foreach (var candidate in stored.Select(v => AsGuid(v.Value)).OfType<Guid>().Distinct())
        {
            var resent = HelpForms.Valid("Renvoyé par un voleur");
            resent["Input.SubmissionKey"] = candidate.ToString();
            Assert.NotEqual(code, HelpForms.ReceiptOn((await thief.SendAsync(resent)).Page));
        }

        // The browser that holds the key is shown the same code again.
        Assert.Equal(code, HelpForms.ReceiptOn((await sender.SendAsync(fields)).Page));
    }

    private async Task<Guid> WriteAsync(Guid requestId, MessageAuthor author, string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cash.Web.Data.CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var request = await db.HelpRequests.SingleAsync(r => r.Id == requestId, Ct);
        var messageId = Guid.CreateVersion7();
        var body = await cipher.EncryptAsync(text, HelpColumns.MessageBody(messageId, requestId, author), Ct);
        db.HelpMessages.Add(request.Write(author, body, messageId, null, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
        return messageId;
    }

    private Task<int> UnreadableEntriesAsync(Guid messageId, Guid? actor) =>
        app.InDatabaseAsync(db => db.AuditEntries.AsNoTracking().CountAsync(
            e => e.Action == AuditActions.Unreadable && e.EntityType == nameof(HelpMessage) && e.EntityId == messageId.ToString() && e.ActorId == actor && e.Outcome == AuditOutcome.Failure,
            Ct));

    private async Task<List<(string Column, object Value)>> StoredRowAsync(string receiptId)
    {
        await using var db = app.Database.OpenContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM \"HelpRequests\" WHERE \"ReceiptId\" = @receipt";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@receipt";
        parameter.Value = receiptId;
        command.Parameters.Add(parameter);
        await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return [.. Enumerable.Range(0, reader.FieldCount).Where(i => !reader.IsDBNull(i)).Select(i => (reader.GetName(i), reader.GetValue(i)))];
    }

    private static Guid? AsGuid(object value) => value switch
    {
        Guid guid => guid,
        string text when Guid.TryParse(text, out var parsed) => parsed,
        byte[] { Length: 16 } blob => new Guid(blob),
        _ => null,
    };

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

public sealed class AttackingThreadsFromTheDatabaseOnSqlite(SqliteCashApp app) : AttackingThreadsFromTheDatabaseTests(app), IClassFixture<SqliteCashApp>;

public sealed class AttackingThreadsFromTheDatabaseOnPostgres(PostgresCashApp app) : AttackingThreadsFromTheDatabaseTests(app), IClassFixture<PostgresCashApp>;
