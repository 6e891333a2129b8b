using System.Reflection;
using System.Text.Json;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;

namespace Cash.Bench.SituationSeed;

/// <summary>The services, their members and the schools situations are spread over, and the service the benchmark signs in to.</summary>
/// <param name="Services">Every partner service, each with how often it leads or joins a situation (any positive scale).</param>
/// <param name="MemberOf">One professional per service: the author of what that service writes.</param>
/// <param name="Schools">The schools, most frequent first.</param>
/// <param name="ViewerServiceId">The service of the professional the benchmark signs in as.</param>
public sealed record BenchDirectory(
    IReadOnlyList<(int Id, double Weight)> Services,
    IReadOnlyDictionary<int, Guid> MemberOf,
    IReadOnlyList<int> Schools,
    int ViewerServiceId);

/// <summary>Situations with everything they hold, ready to be written table by table.</summary>
public sealed class SituationBatch
{
    public List<Situation> Situations { get; } = [];

    public List<InvolvedService> Services { get; } = [];

    public List<InvolvedPerson> People { get; } = [];

    public List<Consent> Consents { get; } = [];

    public List<Referral> Referrals { get; } = [];

    public List<JournalEntry> Entries { get; } = [];
}

/// <summary>
/// Makes situations as the app would have made them over three years, through the entities' own
/// transitions (opening, consents, referrals accepted and pending, journal entries, closing, the
/// retention's erasure), with every encrypted value sealed by the app's <see cref="FieldCipher"/>
/// under its <see cref="SituationColumns"/> binding. Each situation has 3 people and 5 journal
/// entries; its lead service and 0 to 2 more services are involved, each joined through a referral
/// accepted on a consent; most are closed.
/// </summary>
/// <remarks>
/// <para>
/// Spread: status closed 70 %, in progress 20 %, open 10 %; closed situations started any time in
/// the last three years and ran for one week to eight months, the others are recent (a year for
/// those in progress, six weeks for the open ones), so the last activity covers three years.
/// Severity: concern 40 %, repeated 35 %, serious 20 %, danger 5 %. 9 in 10 happen at a school
/// (a few schools much more often than others), the rest outside school. A few situations still
/// open or in progress wait for a service's answer to a referral (<see cref="PendingChance"/>), a
/// third of those to the benchmark's service when it is not involved yet.
/// </para>
/// <para>
/// Closed situations whose retention (<c>Situations:RetentionMonths</c>) has run out are already
/// erased, as the retention job leaves them: the steady state of a database three years old, and
/// nothing for that job to do while the benchmark runs. An open situation keeps its five entries
/// (in the app an entry moves it to "in progress"): the status is set back after them, so every
/// situation holds the same amount of data.
/// </para>
/// </remarks>
public sealed class SituationFactory(FieldCipher cipher, BenchDirectory directory, DateTimeOffset now, int retentionMonths, ReferenceBook references)
{
    public const int PeoplePerSituation = 3;
    public const int EntriesPerSituation = 5;

    private static readonly PropertyInfo StatusProperty = typeof(Situation).GetProperty(nameof(Situation.Status))!;

    private static readonly (JournalKind Kind, int Weight)[] Kinds =
    [
        (JournalKind.Contact, 25), (JournalKind.Interview, 20), (JournalKind.Call, 25),
        (JournalKind.Meeting, 10), (JournalKind.ClassAction, 5), (JournalKind.Note, 15),
    ];

    private static readonly (SituationChannel Channel, int Weight)[] Channels =
    [
        (SituationChannel.HelpRequest, 0), (SituationChannel.Phone, 35), (SituationChannel.Desk, 15),
        (SituationChannel.Email, 15), (SituationChannel.School, 25), (SituationChannel.Police, 5), (SituationChannel.Other, 5),
    ];

    private static readonly (Severity Severity, int Weight)[] Severities =
        [(Severity.Concern, 40), (Severity.Repeated, 35), (Severity.Serious, 20), (Severity.Danger, 5)];

    private static readonly (SituationOutcome Outcome, int Weight)[] Outcomes =
    [
        (SituationOutcome.Improved, 35), (SituationOutcome.Resolved, 35), (SituationOutcome.ReferredOutsideCash, 10),
        (SituationOutcome.NoFurtherContact, 15), (SituationOutcome.Other, 5),
    ];

    private static readonly BullyingForm[] Forms =
        [BullyingForm.Physical, BullyingForm.Verbal, BullyingForm.Relational, BullyingForm.Cyber, BullyingForm.Sexual, BullyingForm.Discriminatory];

    private static readonly JsonSerializerOptions IdentityJson = new();

    private readonly DateTimeOffset now = WholeMilliseconds(now);

    /// <summary>How often a situation still open or in progress waits for a service's answer to a referral.</summary>
    public double PendingChance { get; init; } = 0.03;
    private readonly double totalWeight = directory.Services.Sum(s => s.Weight);

    /// <summary><paramref name="count"/> new situations; <paramref name="seed"/> makes the batch repeatable but for ids, references and nonces.</summary>
    public SituationBatch Make(int count, int seed)
    {
        var random = new Random(seed);
        var batch = new SituationBatch();
        for (var i = 0; i < count; i++)
        {
            MakeOne(random, batch);
        }

        return batch;
    }

    private void MakeOne(Random random, SituationBatch batch)
    {
        var roll = random.NextDouble();
        var status = roll < 0.70 ? SituationStatus.Closed : roll < 0.90 ? SituationStatus.InProgress : SituationStatus.Open;
        var (created, last) = status switch
        {
            SituationStatus.Closed => Span(random, TimeSpan.FromDays(3 * 365), TimeSpan.FromDays(7), TimeSpan.FromDays(random.Next(7, 240))),
            SituationStatus.InProgress => Span(random, TimeSpan.FromDays(365), TimeSpan.FromHours(2), null),
            _ => Span(random, TimeSpan.FromDays(45), TimeSpan.FromHours(1), null),
        };

        // Closed long enough ago, the retention job has erased it: nothing of it is sealed any more.
        var erased = status == SituationStatus.Closed && last.AddMonths(retentionMonths) < now.AddDays(-1);
        byte[]? Seal(string text, FieldBinding binding) => erased ? null : cipher.Encrypt(text, binding);

        var lead = PickService(random, exclude: []);
        var situation = new Situation(Guid.CreateVersion7(), references.Draw(), lead, directory.MemberOf[lead], Pick(random, Channels), Pick(random, Severities), created);
        if (random.Next(10) == 0)
        {
            situation.OutsideSchool = true;
        }
        else
        {
            situation.SchoolId = PickSchool(random);
            situation.ClassName = Texts.ClassName(random);
        }

        situation.Forms = Forms[random.Next(Forms.Length)] | (random.Next(2) == 0 ? Forms[random.Next(Forms.Length)] : BullyingForm.None);
        situation.HappensOnline = situation.Forms.HasFlag(BullyingForm.Cyber) || random.Next(4) == 0;
        situation.Since = (Duration)random.Next(1, 5);
        situation.Summary = Seal(Texts.Summary(random), SituationColumns.Summary(situation.Id));
        var people = MakePeople(random, situation, created, Seal);
        var target = people[0];

        // Every event falls between opening and the last activity, in order: the entity's
        // LastActivityAt ends on the last of them, as it would in the app.
        var steps = Enumerable.Range(0, EntriesPerSituation + 1).Select(_ => random.NextDouble()).Order().ToArray();
        DateTimeOffset At(int step) => WholeMilliseconds(created + ((last - created) * steps[step]));

        var involved = new List<int> { lead };
        var referrals = new List<Referral>();
        var extra = random.Next(10) switch { < 4 => 0, < 8 => 1, _ => 2 };
        for (var k = 0; k < extra; k++)
        {
            var service = PickService(random, involved);
            var asked = At(k);
            var decided = asked.AddHours(random.Next(1, 72)) is var d && d < At(k + 1) ? d : asked;
            var consent = NewConsent(random, situation, target, service, lead, asked);
            var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, lead, service, directory.MemberOf[lead], consent, asked);
            referral.Request = Seal(Texts.Request(random), SituationColumns.ReferralRequest(referral.Id, situation.Id, service));
            var tier = referral.Accept(directory.MemberOf[service], consent, decided);
            situation.Involve(service, tier, referral.Id, decided);
            involved.Add(service);
            batch.Consents.Add(consent);
            referrals.Add(referral);
        }

        var entries = new List<JournalEntry>(EntriesPerSituation);
        for (var k = 0; k < EntriesPerSituation; k++)
        {
            var at = k == EntriesPerSituation - 1 ? last : At(k + 2);
            var author = random.Next(10) < 6 ? lead : involved[random.Next(involved.Count)];
            var kind = Pick(random, Kinds);
            var entry = new JournalEntry(
                Guid.CreateVersion7(), situation.Id, kind, random.Next(5) == 0 ? SharingTier.OwnService : SharingTier.Shared,
                author, directory.MemberOf[author], DateOnly.FromDateTime(at.UtcDateTime.AddDays(-random.Next(4))), at);
            entry.Text = Seal(Texts.Entry(random, kind), SituationColumns.EntryText(entry));
            situation.EntryWritten(at);
            entries.Add(entry);
        }

        if (status == SituationStatus.Open)
        {
            StatusProperty.SetValue(situation, SituationStatus.Open);
        }

        if (status != SituationStatus.Closed && random.NextDouble() < PendingChance)
        {
            referrals.Add(PendingReferral(random, situation, involved, target, last, batch));
        }

        if (status == SituationStatus.Closed)
        {
            situation.Close(Pick(random, Outcomes), last);
            if (erased)
            {
                // What the retention job leaves: the facts.
                situation.Erase(WholeMilliseconds(last.AddMonths(retentionMonths).AddHours(random.Next(1, 24))));
                people.ForEach(p => p.Erase());
                entries.ForEach(e => e.Erase());
                referrals.ForEach(r => r.Erase());
            }
        }

        batch.Situations.Add(situation);
        batch.Services.AddRange(situation.Services);
        batch.People.AddRange(people);
        batch.Entries.AddRange(entries);
        batch.Referrals.AddRange(referrals);
    }

    private Consent NewConsent(Random random, Situation situation, InvolvedPerson person, int service, int recordedBy, DateTimeOffset at) =>
        new(Guid.CreateVersion7(), situation.Id, person.Id, service, PickGiver(random), ConsentFor(random), (ConsentMethod)random.Next(4),
            DateOnly.FromDateTime(at.UtcDateTime), directory.MemberOf[recordedBy], at);

    private Referral PendingReferral(Random random, Situation situation, List<int> involved, InvolvedPerson target, DateTimeOffset at, SituationBatch batch)
    {
        var from = involved[0];
        var to = !involved.Contains(directory.ViewerServiceId) && random.Next(3) == 0 ? directory.ViewerServiceId : PickService(random, involved);
        var consent = NewConsent(random, situation, target, to, from, at);
        batch.Consents.Add(consent);
        var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, from, to, directory.MemberOf[from], consent, at);
        referral.Request = cipher.Encrypt(Texts.Request(random), SituationColumns.ReferralRequest(referral.Id, situation.Id, to));
        return referral;
    }

    private static List<InvolvedPerson> MakePeople(Random random, Situation situation, DateTimeOffset at, Func<string, FieldBinding, byte[]?> seal)
    {
        var third = random.Next(20) switch { < 10 => PersonRole.Witness, < 17 => PersonRole.ParentOrGuardian, _ => PersonRole.SchoolStaff };
        var people = new List<InvolvedPerson>(PeoplePerSituation);
        foreach (var (role, identityChance) in new[] { (PersonRole.TargetedYoungPerson, 50), (PersonRole.YoungPersonWhoBullies, 25), (third, 40) })
        {
            var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, role, at);
            var young = role is PersonRole.TargetedYoungPerson or PersonRole.YoungPersonWhoBullies or PersonRole.Witness;
            DateOnly? birth = null;
            if (young)
            {
                var age = random.Next(8, 19);
                person.AgeBand = age switch { < 10 => AgeBand.Under10, < 13 => AgeBand.From10To12, < 16 => AgeBand.From13To15, _ => AgeBand.From16To18 };
                if (random.Next(10) < 6)
                {
                    person.Age = age;
                }

                person.SchoolId = situation.SchoolId;
                person.ClassName = situation.ClassName;
                birth = DateOnly.FromDateTime(at.UtcDateTime.AddYears(-age).AddDays(-random.Next(365)));
            }
            else
            {
                person.AgeBand = AgeBand.Over18;
            }

            person.Pseudonym = seal(Texts.Pseudonym(random), SituationColumns.Pseudonym(person.Id, situation.Id));
            if (random.Next(100) < identityChance)
            {
                var identity = JsonSerializer.Serialize(Texts.Identity(random, birth, young), IdentityJson);
                person.Identity = seal(identity, SituationColumns.Identity(person.Id, situation.Id));
            }

            people.Add(person);
        }

        return people;
    }

    /// <summary>
    /// Opening and last activity: opened within <paramref name="window"/> before now, at least
    /// <paramref name="margin"/> ago, active for <paramref name="length"/>, or without one (or when
    /// it would end after now) for a random part of the time since.
    /// </summary>
    private (DateTimeOffset Created, DateTimeOffset Last) Span(Random random, TimeSpan window, TimeSpan margin, TimeSpan? length)
    {
        var created = WholeMilliseconds(now - margin - ((window - margin) * random.NextDouble()));
        var latest = now.AddMinutes(-1);

        // A length that would end after now ends some time before instead: capped at now, all those
        // situations would share one last activity, a pile at the top of the list no database has.
        var last = length is { } l && created + l <= latest ? created + l : created + ((latest - created) * random.NextDouble());
        return (created, WholeMilliseconds(last));
    }

    private int PickService(Random random, List<int> exclude)
    {
        var total = totalWeight - directory.Services.Where(s => exclude.Contains(s.Id)).Sum(s => s.Weight);
        var roll = random.NextDouble() * total;
        foreach (var (id, weight) in directory.Services)
        {
            if (exclude.Contains(id))
            {
                continue;
            }

            roll -= weight;
            if (roll < 0)
            {
                return id;
            }
        }

        return directory.Services.Last(s => !exclude.Contains(s.Id)).Id;
    }

    /// <summary>A few schools see far more situations than others (the first ones of the list).</summary>
    private int PickSchool(Random random) =>
        directory.Schools[(int)(directory.Schools.Count * Math.Pow(random.NextDouble(), 1.6))];

    private static ConsentGiver PickGiver(Random random) => random.Next(10) switch
    {
        < 6 => ConsentGiver.YoungPerson,
        < 9 => ConsentGiver.ParentOrGuardian,
        _ => ConsentGiver.AdultConcerned,
    };

    private static ConsentScope ConsentFor(Random random)
    {
        var scope = ConsentScope.JoinSituation;
        scope |= random.Next(2) == 0 ? ConsentScope.SeeIdentities : ConsentScope.None;
        scope |= random.Next(10) < 3 ? ConsentScope.ContactSchool : ConsentScope.None;
        scope |= random.Next(10) < 2 ? ConsentScope.ContactParents : ConsentScope.None;
        return scope;
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    /// <summary>PostgreSQL keeps microseconds and SQLite's column fewer digits still: whole milliseconds read back as written on both.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}

/// <summary>Situation references, unique across the database: at a million, random references collide a few hundred times.</summary>
public sealed class ReferenceBook(IEnumerable<string> taken)
{
    private readonly HashSet<string> taken = [.. taken];

    public string Draw()
    {
        lock (taken)
        {
            while (true)
            {
                var reference = SituationReferences.New();
                if (taken.Add(reference))
                {
                    return reference;
                }
            }
        }
    }
}
