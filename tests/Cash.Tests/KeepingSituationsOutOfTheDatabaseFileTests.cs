using System.Net.Http.Headers;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Microsoft.Data.Sqlite;

namespace Cash.Tests;

/// <summary>
/// Everything of a situation that names or describes a person is encrypted before it reaches the
/// database (issue 10, point 10): someone who copies the SQLite file and its write-ahead log, after
/// a checkpoint, finds none of the summary, the pseudonyms, the identities, the journal texts, the
/// referral's request, a document's name or content — in UTF-8 or UTF-16 — while a value kept in
/// clear (the situation's reference) is there, which shows the file was read.
/// </summary>
public sealed class KeepingSituationsOutOfTheDatabaseFileTests(SqliteCashApp app) : IClassFixture<SqliteCashApp>
{
    private static readonly Encoding[] Encodings = [Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoneOfASituationsWordsOrFilesIsInTheDatabaseFiles()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var summary = $"Résumé {unique} : on la traite de grosse sur Snapchat";
        var pseudonym = $"Pseudo{unique}";
        var identity = new PersonIdentity($"Prénom{unique}", $"Nom{unique}", new DateOnly(2012, 3, 4), $"contact{unique}@example.be", $"0470{unique[..6]}");
        var sharedText = $"Entretien {unique} avec la titulaire";
        var keptText = $"Note gardée {unique} sur la famille";
        var request = $"Demande {unique} : une médiation avec la classe";
        var storedName = $"capture-{unique}.png";
        var storedContent = $"Contenu de la capture {unique}";
        var situation = await app.NewSituation("le-declic")
            .Summary(summary)
            .WithPerson(pseudonym, identity)
            .Joined("mediation-scolaire", request)
            .Entry("le-declic", SharingTier.Shared, sharedText)
            .Entry("mediation-scolaire", SharingTier.OwnService, keptText)
            .Document("le-declic", storedName, SampleFiles.Png(storedContent))
            .SaveAsync();

        // And through the pages, as a person writes and uploads.
        var written = $"Écrit depuis la page {unique}";
        var uploadedName = $"rapport-{unique}.pdf";
        var uploadedContent = $"Rapport envoyé {unique}";
        using var lead = await app.SignInAsync(situation.Opener);
        using (var entry = await lead.PostFormAsync(situation.JournalUrl, new Dictionary<string, string?>
        {
            ["Write.Kind"] = nameof(JournalKind.Note),
            ["Write.Text"] = written,
        }))
        {
            ProfessionalSessions.AssertRedirect(entry, situation.JournalUrl, "writing an entry");
        }

        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(await lead.AntiforgeryTokenAsync(situation.DocumentsUrl)), "__RequestVerificationToken");
            var file = new ByteArrayContent(SampleFiles.Pdf(uploadedContent));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
            form.Add(file, "Upload", uploadedName);
            using var uploaded = await lead.PostAsync(new Uri(situation.DocumentsUrl, UriKind.Relative), form, Cancellation);
            ProfessionalSessions.AssertRedirect(uploaded, situation.DocumentsUrl, "uploading a document");
        }

        var path = ((SqliteTestDatabase)app.Database).FilePath;
        await CheckpointAsync(path);
        var bytes = Read(path).Concat(Read(path + "-wal")).ToArray();

        Assert.True(Contains(bytes, situation.Reference, Encoding.UTF8), "The situation's reference is not in the files: they were not read.");
        var secrets = new[]
        {
            summary, pseudonym, identity.FirstName!, identity.LastName!, identity.Contact!, identity.ParentsContact!,
            sharedText, keptText, request, storedName, storedContent, written, uploadedName, uploadedContent, unique,
        };
        foreach (var secret in secrets)
        {
            foreach (var encoding in Encodings)
            {
                Assert.False(Contains(bytes, secret, encoding), $"'{secret}' is in the database files in {encoding.WebName}.");
            }
        }
    }

    /// <summary>Moves what the write-ahead log holds into the main file, as a backup or a copy would find it.</summary>
    private static async Task CheckpointAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(Cancellation);
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

    private static bool Contains(byte[] bytes, string value, Encoding encoding) => bytes.AsSpan().IndexOf(encoding.GetBytes(value)) >= 0;
}
