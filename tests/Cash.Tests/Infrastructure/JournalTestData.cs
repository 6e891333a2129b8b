using System.Text.Json;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A situation written straight into the database through the model, as the situation's own pages
/// would leave it, for the tests of its journal, documents, history and retention: the lead
/// service, services joined through a referral resting on a consent, people, journal entries,
/// documents, every text encrypted with the application's cipher and bound as
/// <see cref="SituationColumns"/> says.
/// </summary>
/// <example><c>var situation = await app.NewSituation("le-declic").Summary("…").Joined("mediation-scolaire").Entry("le-declic", SharingTier.Shared, "…").SaveAsync();</c></example>
public sealed class SituationTestData(WebApplicationFactory<Program> app, string leadSlug)
{
    private readonly List<(string Slug, string Request, bool Identities)> joined = [];
    private readonly List<(string Pseudonym, PersonIdentity? Identity)> people = [];
    private readonly List<(string Slug, SharingTier Tier, string Text)> entries = [];
    private readonly List<(string Slug, string Name, byte[] Content)> documents = [];
    private string summary = "Des moqueries répétées dans la cour, depuis la rentrée.";
    private string? className = "2B";
    private DateTimeOffset at = DateTimeOffset.UtcNow;
    private DateTimeOffset? closedAt;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public SituationTestData Summary(string value)
    {
        summary = value;
        return this;
    }

    public SituationTestData Class(string? value)
    {
        className = value;
        return this;
    }

    public SituationTestData Person(string pseudonym, PersonIdentity? identity = null)
    {
        people.Add((pseudonym, identity));
        return this;
    }

    /// <summary>The service joins through an accepted referral resting on the first person's consent.</summary>
    public SituationTestData Joined(string slug, string request = "Rencontrer la classe avec nous.", bool identities = false)
    {
        joined.Add((slug, request, identities));
        return this;
    }

    public SituationTestData Entry(string slug, SharingTier tier, string text)
    {
        entries.Add((slug, tier, text));
        return this;
    }

    public SituationTestData Document(string slug, string name, byte[] content)
    {
        documents.Add((slug, name, content));
        return this;
    }

    /// <summary>When it was opened, and everything in it written (UTC).</summary>
    public SituationTestData At(DateTimeOffset value)
    {
        at = value.ToUniversalTime();
        return this;
    }

    public SituationTestData ClosedAt(DateTimeOffset value)
    {
        closedAt = value.ToUniversalTime();
        return this;
    }

    public async Task<TestSituation> SaveAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var serviceIds = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id, Cancellation);
        var opener = await app.CreateProfessionalAsync(ProRole.Member, leadSlug);

        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), serviceIds[leadSlug], opener.Id, SituationChannel.Phone, Severity.Repeated, at)
        {
            ClassName = className,
            Forms = BullyingForm.Verbal | BullyingForm.Cyber,
            HappensOnline = true,
            Since = Duration.Months,
        };
        situation.Summary = await cipher.EncryptAsync(summary, SituationColumns.Summary(situation.Id), Cancellation);
        db.Situations.Add(situation);

        var personIds = new List<Guid>();
        foreach (var (pseudonym, identity) in people.Count > 0 ? people : [("A. B.", null)])
        {
            var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, personIds.Count == 0 ? PersonRole.TargetedYoungPerson : PersonRole.Witness, at)
            {
                AgeBand = AgeBand.From13To15,
                Age = 14,
                ClassName = className,
            };
            person.Pseudonym = await cipher.EncryptAsync(pseudonym, SituationColumns.Pseudonym(person.Id, situation.Id), Cancellation);
            if (identity is not null)
            {
                person.Identity = await cipher.EncryptAsync(JsonSerializer.Serialize(identity), SituationColumns.Identity(person.Id, situation.Id), Cancellation);
            }

            db.InvolvedPeople.Add(person);
            personIds.Add(person.Id);
        }

        foreach (var (slug, request, identities) in joined)
        {
            var serviceId = serviceIds[slug];
            var scope1 = ConsentScope.JoinSituation | (identities ? ConsentScope.SeeIdentities : ConsentScope.None);
            var consent = new Consent(Guid.CreateVersion7(), situation.Id, personIds[0], serviceId, ConsentGiver.YoungPerson, scope1, ConsentMethod.InPerson, DateOnly.FromDateTime(at.UtcDateTime), opener.Id, at);
            var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, situation.LeadServiceId, serviceId, opener.Id, consent, at);
            referral.Request = await cipher.EncryptAsync(request, SituationColumns.ReferralRequest(referral.Id, situation.Id, serviceId), Cancellation);
            var tier = referral.Accept(Guid.NewGuid(), consent, at);
            situation.Involve(serviceId, tier, referral.Id, at);
            db.Consents.Add(consent);
            db.Referrals.Add(referral);
        }

        var entryIds = new List<Guid>();
        foreach (var (slug, tier, text) in entries)
        {
            var entry = new JournalEntry(Guid.CreateVersion7(), situation.Id, JournalKind.Note, tier, serviceIds[slug], opener.Id, DateOnly.FromDateTime(at.UtcDateTime), at);
            entry.Text = await cipher.EncryptAsync(text, SituationColumns.EntryText(entry), Cancellation);
            if (tier == SharingTier.Shared)
            {
                situation.EntryWritten(at);
            }
            else
            {
                situation.PrivateEntryWritten();
            }

            db.JournalEntries.Add(entry);
            entryIds.Add(entry.Id);
        }

        var documentIds = new List<Guid>();
        foreach (var (slug, name, content) in documents)
        {
            var type = SituationDocument.Recognise(content) ?? throw new ArgumentException("Not a PDF, PNG or JPEG.", nameof(content));
            var document = new SituationDocument(Guid.CreateVersion7(), situation.Id, type, content.Length, serviceIds[slug], opener.Id, at);
            document.Name = await cipher.EncryptAsync(name, SituationColumns.DocumentName(document.Id, situation.Id), Cancellation);
            document.Content = await cipher.EncryptBytesAsync(content, SituationColumns.DocumentContent(document.Id, situation.Id), Cancellation);
            db.SituationDocuments.Add(document);
            documentIds.Add(document.Id);
        }

        if (closedAt is { } closed)
        {
            situation.Close(SituationOutcome.Resolved, closed);
        }

        await db.SaveChangesAsync(Cancellation);
        return new TestSituation(situation.Id, situation.Reference, opener, personIds, entryIds, documentIds);
    }
}

/// <summary>What a test needs to know of a situation it made: ids in the order given, and the member who opened it.</summary>
public sealed record TestSituation(Guid Id, string Reference, TestProfessional Opener, IReadOnlyList<Guid> People, IReadOnlyList<Guid> Entries, IReadOnlyList<Guid> Documents)
{
    public string JournalUrl => $"/pro/situations/{Id}/journal";

    public string DocumentsUrl => $"/pro/situations/{Id}/documents";

    public string HistoryUrl => $"/pro/situations/{Id}/historique";

    public string DownloadUrl(Guid documentId) => $"/pro/situations/{Id}/documents/{documentId}";
}

public static class JournalTestData
{
    private static readonly System.Resources.ResourceManager Strings = new(typeof(Cash.Web.Resources.SituationTexts).FullName!, typeof(Cash.Web.Resources.SituationTexts).Assembly);

    /// <summary>A string of the situations' pages, formatted as the page formats it.</summary>
    public static string Text(string key, string language = "fr", params object[] arguments)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        var format = Strings.GetString(key, culture) ?? throw new InvalidOperationException($"No situation string '{key}'.");
        return arguments.Length == 0 ? format : string.Format(culture, format, arguments);
    }

    /// <summary>A situation opened by a member of the service <paramref name="leadSlug"/>.</summary>
    public static SituationTestData NewSituation(this WebApplicationFactory<Program> app, string leadSlug) => new(app, leadSlug);

    /// <summary>The smallest file of each kind the documents accept, with a marker inside so it can be looked for.</summary>
    public static byte[] Png(string marker) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.UTF8.GetBytes(marker), 0x00, 0xFF, 0xFE, 0x80];

    public static byte[] Pdf(string marker) => System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {marker}\n%%EOF\n");

    public static byte[] Jpeg(string marker) => [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.UTF8.GetBytes(marker), 0xC3, 0x28, 0xFF, 0xD9];
}
