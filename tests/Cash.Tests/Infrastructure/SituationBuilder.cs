using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A situation written straight into the database as the pages leave it, for tests that need one
/// without going through the forms: summary, pseudonyms, identities, journal texts, referral texts and
/// documents sealed by the application's own <see cref="SituationContent"/>.
/// A service joins either through the records of an accepted referral resting on the first person's
/// consent (<see cref="Joined"/>), or as involved only (<see cref="Involving"/>).
/// </summary>
/// <example><c>var situation = await app.NewSituation("le-declic").Joined("mediation-scolaire").WithPerson("A.").Entry("le-declic", SharingTier.Shared, "…").SaveAsync();</c></example>
public sealed class SituationBuilder(WebApplicationFactory<Program> app, string lead)
{
    private readonly List<(string Slug, InvolvementTier Tier)> involved = [];
    private readonly List<(string Slug, string Request, bool Identities)> joined = [];
    private readonly List<(string Pseudonym, PersonIdentity? Identity, string[] IdentityFor)> people = [];
    private readonly List<(string Slug, SharingTier Tier, string Text)> entries = [];
    private readonly List<(string Slug, string Name, byte[] Content)> documents = [];
    private readonly List<Action<Situation>> changes = [];
    private Severity severity = Severity.Concern;
    private string summary = "Des moqueries répétées dans la cour de récréation.";
    private DateTimeOffset? at;
    private DateTimeOffset? closedAt;
    private int? schoolId;
    private string? className;
    private int? age;
    private TestProfessional? opener;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public SituationBuilder LedBy(string slug)
    {
        lead = slug;
        return this;
    }

    /// <summary>Another service involved, as an accepted referral leaves the situation, without the referral's own records.</summary>
    public SituationBuilder Involving(string slug, InvolvementTier tier = InvolvementTier.Pseudonyms)
    {
        involved.Add((slug, tier));
        return this;
    }

    /// <summary>The service joins through an accepted referral resting on the first person's consent (a person "A. B." is added if none is).</summary>
    public SituationBuilder Joined(string slug, string request = "Rencontrer la classe avec nous.", bool identities = false)
    {
        joined.Add((slug, request, identities));
        return this;
    }

    public SituationBuilder WithSeverity(Severity value)
    {
        severity = value;
        return this;
    }

    public SituationBuilder Summary(string value)
    {
        summary = value;
        return this;
    }

    /// <summary>When it was opened and everything in it written, which is its last activity too unless <see cref="Then"/> changes it (default: now).</summary>
    public SituationBuilder At(DateTimeOffset moment)
    {
        at = moment.ToUniversalTime();
        return this;
    }

    public SituationBuilder ClosedAt(DateTimeOffset moment)
    {
        closedAt = moment.ToUniversalTime();
        return this;
    }

    public SituationBuilder InSchool(int school, string? classroom = null)
    {
        (schoolId, className) = (school, classroom);
        return this;
    }

    /// <summary>The class of the situation and of its people (outside any school unless <see cref="InSchool"/> names one).</summary>
    public SituationBuilder Class(string? classroom)
    {
        className = classroom;
        return this;
    }

    /// <summary>The age of every person (their age band is 13–15 in any case).</summary>
    public SituationBuilder PeopleAged(int years)
    {
        age = years;
        return this;
    }

    /// <summary>Who opened it (default: a new member of the lead service).</summary>
    public SituationBuilder OpenedBy(TestProfessional professional)
    {
        opener = professional;
        return this;
    }

    /// <summary>A person, with an identity if given, and an active consent to see it for each service slug in <paramref name="identityFor"/>.</summary>
    public SituationBuilder WithPerson(string pseudonym, PersonIdentity? identity = null, params string[] identityFor)
    {
        people.Add((pseudonym, identity, identityFor));
        return this;
    }

    public SituationBuilder WithPeople(params string[] pseudonyms)
    {
        foreach (var pseudonym in pseudonyms)
        {
            WithPerson(pseudonym);
        }

        return this;
    }

    public SituationBuilder Entry(string slug, SharingTier tier, string text)
    {
        entries.Add((slug, tier, text));
        return this;
    }

    public SituationBuilder Document(string slug, string name, byte[] content)
    {
        documents.Add((slug, name, content));
        return this;
    }

    /// <summary>A state change made before saving, through the entity's own transitions (close, change severity…).</summary>
    public SituationBuilder Then(Action<Situation> change)
    {
        changes.Add(change);
        return this;
    }

    public async Task<TestSituation> SaveAsync()
    {
        var by = opener ?? await app.CreateProfessionalAsync(ProRole.Member, lead);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<SituationContent>();
        var services = await db.PartnerServices.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Id, Cancellation);
        var when = at ?? DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services[lead], by.Id, SituationChannel.Phone, severity, when)
        {
            SchoolId = schoolId,
            ClassName = className,
            OutsideSchool = schoolId is null,
            Forms = BullyingForm.Verbal | BullyingForm.Relational,
            Since = Duration.Weeks,
        };
        situation.Summary = await content.SealSummaryAsync(situation, summary, Cancellation);
        foreach (var (slug, tier) in involved)
        {
            situation.Involve(services[slug], tier, Guid.NewGuid(), when);
        }

        db.Situations.Add(situation);
        if (joined.Count > 0 && people.Count == 0)
        {
            WithPerson("A. B.");
        }

        var personIds = new List<Guid>();
        foreach (var (pseudonym, identity, identityFor) in people)
        {
            var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, personIds.Count == 0 ? PersonRole.TargetedYoungPerson : PersonRole.Witness, when)
            {
                AgeBand = AgeBand.From13To15,
                Age = age,
                ClassName = className,
            };
            person.Pseudonym = await content.SealPseudonymAsync(person, pseudonym, Cancellation);
            if (identity is not null)
            {
                person.Identity = await content.SealIdentityAsync(person, identity, Cancellation);
            }

            db.InvolvedPeople.Add(person);
            personIds.Add(person.Id);
            foreach (var slug in identityFor)
            {
                db.Consents.Add(new Consent(
                    Guid.CreateVersion7(), situation.Id, person.Id, services[slug], ConsentGiver.YoungPerson,
                    ConsentScope.JoinSituation | ConsentScope.SeeIdentities, ConsentMethod.InPerson, DateOnly.FromDateTime(when.UtcDateTime), by.Id, when));
            }
        }

        foreach (var (slug, request, identities) in joined)
        {
            var serviceId = services[slug];
            var consent = new Consent(
                Guid.CreateVersion7(), situation.Id, personIds[0], serviceId, ConsentGiver.YoungPerson,
                ConsentScope.JoinSituation | (identities ? ConsentScope.SeeIdentities : ConsentScope.None),
                ConsentMethod.InPerson, DateOnly.FromDateTime(when.UtcDateTime), by.Id, when);
            var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, situation.LeadServiceId, serviceId, by.Id, consent, when);
            referral.Request = await content.SealRequestAsync(referral, request, Cancellation);
            situation.Involve(serviceId, referral.Accept(Guid.NewGuid(), consent, when), referral.Id, when);
            db.Consents.Add(consent);
            db.Referrals.Add(referral);
        }

        var entryIds = new List<Guid>();
        foreach (var (slug, tier, text) in entries)
        {
            var entry = new JournalEntry(Guid.CreateVersion7(), situation.Id, JournalKind.Note, tier, services[slug], by.Id, DateOnly.FromDateTime(when.UtcDateTime), when);
            entry.Text = await content.SealEntryTextAsync(entry, text, Cancellation);
            if (tier == SharingTier.Shared)
            {
                situation.EntryWritten(when);
            }
            else
            {
                situation.PrivateEntryWritten();
            }

            db.JournalEntries.Add(entry);
            entryIds.Add(entry.Id);
        }

        var documentIds = new List<Guid>();
        foreach (var (slug, name, bytes) in documents)
        {
            var type = SituationDocument.Recognise(bytes) ?? throw new ArgumentException("Not a PDF, PNG or JPEG.", nameof(bytes));
            var document = new SituationDocument(Guid.CreateVersion7(), situation.Id, type, bytes.Length, services[slug], by.Id, when);
            await content.SealDocumentAsync(document, name, bytes, Cancellation);
            db.SituationDocuments.Add(document);
            documentIds.Add(document.Id);
        }

        if (closedAt is { } closed)
        {
            situation.Close(SituationOutcome.Resolved, closed);
        }

        foreach (var change in changes)
        {
            change(situation);
        }

        await db.SaveChangesAsync(Cancellation);
        return new TestSituation(situation.Id, situation.Reference, situation.LeadServiceId, by, personIds, [.. people.Select(p => p.Pseudonym)], entryIds, documentIds);
    }
}

/// <summary>
/// What a test needs to know of a situation it made: its id and reference, its lead service, who opened it, and the ids of
/// its people (with their pseudonyms), journal entries and documents in the order given. It stands for its id where one
/// is expected (<c>$"/pro/situations/{situation}"</c>).
/// </summary>
public sealed record TestSituation(
    Guid Id, string Reference, int LeadServiceId, TestProfessional Opener,
    IReadOnlyList<Guid> People, IReadOnlyList<string> Pseudonyms, IReadOnlyList<Guid> Entries, IReadOnlyList<Guid> Documents)
{
    public Guid OpenedBy => Opener.Id;

    public string JournalUrl => $"/pro/situations/{Id}/journal";

    public string DocumentsUrl => $"/pro/situations/{Id}/documents";

    public string HistoryUrl => $"/pro/situations/{Id}/historique";

    public string DownloadUrl(Guid documentId) => $"/pro/situations/{Id}/documents/{documentId}";

    public static implicit operator Guid(TestSituation situation) => situation?.Id ?? Guid.Empty;

    public override string ToString() => Id.ToString();
}

public static class SituationBuilding
{
    /// <summary>A situation to build and save, led by <paramref name="lead"/>; see <see cref="SituationBuilder"/>.</summary>
    public static SituationBuilder NewSituation(this WebApplicationFactory<Program> app, string lead = "le-declic") => new(app, lead);

    public static Task<Situation> LoadSituationAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.Situations.AsNoTracking().Include(s => s.Services).SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));
}
