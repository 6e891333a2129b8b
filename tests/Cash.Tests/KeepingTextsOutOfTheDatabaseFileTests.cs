using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Pages.FollowUp;
using Cash.Web.Pages.Help;
using Microsoft.EntityFrameworkCore;

namespace Cash.Tests;

/// <summary>
/// Someone who copies the SQLite file (and its write-ahead log) finds none of what people wrote:
/// the request's text, the e-mail address and the phone number to answer on, the sender's reply
/// and the service's answer are all encrypted before they reach the database.
/// </summary>
public sealed class KeepingTextsOutOfTheDatabaseFileTests(SqliteMailFolderCashApp app) : IClassFixture<SqliteMailFolderCashApp>
{
    private static readonly Encoding[] Encodings = [Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoneOfTheWrittenWordsIsInTheDatabaseFiles()
    {
        var unique = Guid.NewGuid().ToString("N");
        var text = $"Marqueur du texte {unique} : on m’a frappé près de l’école";
        var email = $"marqueur-{unique[..12]}@example.be";
        var phone = $"0470 {Random.Shared.Next(100, 999)} {Random.Shared.Next(100, 999)}";
        var reply = $"Marqueur de la réponse du jeune {unique}";
        var answer = $"Marqueur de la réponse du service {unique}";
        var witness = $"Témoin {Guid.NewGuid():N}";

        using var browser = app.NewBrowser();
        var byEmail = await browser.SendValidAsync(text, f => (f["Input.Channel"], f["Input.Email"]) = ("Email", email));
        await browser.SendValidAsync("Par téléphone " + unique, f => (f["Input.Channel"], f["Input.Phone"]) = ("Phone", phone));
        var (_, thread) = await browser.OpenThreadAsync(byEmail);
        var (_, replied) = await browser.ActInThreadAsync(thread, FollowUpModel.Answer, reply);
        Assert.NotNull(replied.QuerySelector(".notice"));

        // The service answers from its inbox, as a person; their name is stored in clear and shows the files are read.
        var person = await app.CreateProfessionalAsync(ProRole.Member, "le-declic", displayName: witness);
        using var pro = await app.SignInAsync(person);
        var id = await app.InDatabaseAsync(db => db.HelpRequests.Where(r => r.ReceiptId == ReceiptCodes.IdOf(byEmail)).Select(r => r.Id).SingleAsync(Cancellation));
        using (var answered = await pro.PostFormAsync($"/pro/demandes/{id}", new Dictionary<string, string?> { ["Answer.Body"] = answer }))
        {
            ProfessionalSessions.AssertRedirect(answered, $"/pro/demandes/{id}", "answering");
        }

        var file = ((SqliteTestDatabase)app.Database).FilePath;
        var bytes = Read(file).Concat(Read(file + "-wal")).ToArray();

        Assert.True(Contains(bytes, witness, Encoding.UTF8), "The professional's name is not in the files: they were not read.");
        foreach (var secret in new[] { unique, text, email, phone, phone.Replace(" ", "", StringComparison.Ordinal), reply, answer })
        {
            foreach (var encoding in Encodings)
            {
                Assert.False(Contains(bytes, secret, encoding), $"'{secret}' is in the database files in {encoding.WebName}.");
            }
        }
    }

    /// <summary>The file as it is now, read beside the running app (which keeps it open).</summary>
    private static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] bytes, string value, Encoding encoding) => Count(bytes, value, encoding) > 0;

    private static int Count(byte[] bytes, string value, Encoding encoding)
    {
        var pattern = encoding.GetBytes(value);
        var count = 0;
        var rest = bytes.AsSpan();
        for (var at = rest.IndexOf(pattern); at >= 0; at = rest.IndexOf(pattern))
        {
            count++;
            rest = rest[(at + pattern.Length)..];
        }

        return count;
    }
}
