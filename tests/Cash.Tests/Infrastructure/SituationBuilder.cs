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
/// without going through the forms: summary, pseudonyms and identities encrypted with the app's own
/// bindings; other services involved as an accepted referral would leave them (with a consent to
/// identities per person where asked).
/// </summary>
/// <example><c>var id = await app.NewSituation().LedBy("le-declic").Involving("la-passerelle").WithPerson("A.", identity).SaveAsync();</c></example>
public sealed class SituationBuilder(WebApplicationFactory<Program> app)
{
    private readonly List<(string Slug, InvolvementTier Tier)> involved = [];
    private readonly List<(string Pseudonym, PersonIdentity? Identity, string[] IdentityFor)> people = [];
    private readonly List<Action<Situation>> changes = [];
    private string lead = "le-declic";
    private Severity severity = Severity.Concern;
    private string summary = "Des moqueries répétées dans la cour de récréation.";
    private DateTimeOffset? at;
    private int? schoolId;
    private string? className;
    private Guid? openedBy;

    public SituationBuilder LedBy(string slug)
    {
        lead = slug;
        return this;
    }

    /// <summary>Another service involved, as an accepted referral leaves it.</summary>
    public SituationBuilder Involving(string slug, InvolvementTier tier = InvolvementTier.Pseudonyms)
    {
        involved.Add((slug, tier));
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

    /// <summary>When it was opened, which is its last activity too unless <see cref="Then"/> changes it (default: now).</summary>
    public SituationBuilder At(DateTimeOffset moment)
    {
        at = moment;
        return this;
    }

    public SituationBuilder InSchool(int school, string? classroom = null)
    {
        (schoolId, className) = (school, classroom);
        return this;
    }

    public SituationBuilder OpenedBy(Guid professionalId)
    {
        openedBy = professionalId;
        return this;
    }

    /// <summary>A person, with an identity if given, and an active consent to see it for each service slug in <paramref name="identityFor"/>.</summary>
    public SituationBuilder WithPerson(string pseudonym, PersonIdentity? identity = null, params string[] identityFor)
    {
        people.Add((pseudonym, identity, identityFor));
        return this;
    }

    /// <summary>A state change made before saving, through the entity's own transitions (close, change severity…).</summary>
    public SituationBuilder Then(Action<Situation> change)
    {
        changes.Add(change);
        return this;
    }

    public async Task<Guid> SaveAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<SituationContent>();
        var services = await db.PartnerServices.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Id, cancellation);
        var leadId = services[lead];
        var opener = openedBy
            ?? await db.Users.Where(p => p.PartnerServiceId == leadId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellation)
            ?? (await app.CreateProfessionalAsync(ProRole.Member, lead)).Id;
        var when = at ?? DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), leadId, opener, SituationChannel.Phone, severity, when)
        {
            SchoolId = schoolId,
            ClassName = className,
            OutsideSchool = schoolId is null,
            Forms = BullyingForm.Verbal | BullyingForm.Relational,
            Since = Duration.Weeks,
        };
        situation.Summary = await content.SealSummaryAsync(situation, summary, cancellation);
        foreach (var (slug, tier) in involved)
        {
            situation.Involve(services[slug], tier, Guid.NewGuid(), when);
        }

        db.Situations.Add(situation);
        foreach (var (pseudonym, identity, identityFor) in people)
        {
            var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, PersonRole.TargetedYoungPerson, when) { AgeBand = AgeBand.From13To15 };
            person.Pseudonym = await content.SealPseudonymAsync(person, pseudonym, cancellation);
            if (identity is not null)
            {
                person.Identity = await content.SealIdentityAsync(person, identity, cancellation);
            }

            db.InvolvedPeople.Add(person);
            foreach (var slug in identityFor)
            {
                db.Consents.Add(new Consent(
                    Guid.CreateVersion7(), situation.Id, person.Id, services[slug], ConsentGiver.YoungPerson,
                    ConsentScope.JoinSituation | ConsentScope.SeeIdentities, ConsentMethod.InPerson, DateOnly.FromDateTime(when.UtcDateTime), opener, when));
            }
        }

        foreach (var change in changes)
        {
            change(situation);
        }

        await db.SaveChangesAsync(cancellation);
        return situation.Id;
    }
}

public static class SituationBuilding
{
    /// <summary>A situation to build and save; see <see cref="SituationBuilder"/>.</summary>
    public static SituationBuilder NewSituation(this WebApplicationFactory<Program> app) => new(app);

    public static Task<Situation> LoadSituationAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.Situations.AsNoTracking().Include(s => s.Services).SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));
}
