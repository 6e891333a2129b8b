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

/// <summary>A situation written for a referral test: its id and reference, its lead service, and its people's ids and pseudonyms, in order.</summary>
public sealed record TestSituation(Guid Id, string Reference, int LeadServiceId, Guid OpenedBy, IReadOnlyList<Guid> People, IReadOnlyList<string> Pseudonyms);

/// <summary>
/// Situations, consents and referrals written straight into the database as the pages leave them
/// (pseudonyms and texts encrypted with the app's own bindings), for tests that need them without
/// going through every form first.
/// </summary>
public static class ReferralTestData
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>An open situation led by <paramref name="leadSlug"/>, opened by a new member of it, with one person per pseudonym.</summary>
    public static async Task<TestSituation> NewSituationAsync(this WebApplicationFactory<Program> app, string leadSlug, params string[] pseudonyms)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var opener = await app.CreateProfessionalAsync(ProRole.Member, leadSlug);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), opener.PartnerServiceId!.Value, opener.Id, SituationChannel.Phone, Severity.Repeated, now)
        {
            Forms = BullyingForm.Verbal | BullyingForm.Cyber,
            HappensOnline = true,
            OutsideSchool = true,
        };
        situation.Summary = await cipher.EncryptAsync("Résumé secret de la situation", SituationColumns.Summary(situation.Id), Cancellation);
        db.Situations.Add(situation);
        var people = new List<Guid>();
        foreach (var pseudonym in pseudonyms)
        {
            var person = new InvolvedPerson(Guid.CreateVersion7(), situation.Id, PersonRole.TargetedYoungPerson, now);
            person.Pseudonym = await cipher.EncryptAsync(pseudonym, SituationColumns.Pseudonym(person.Id, situation.Id), Cancellation);
            db.InvolvedPeople.Add(person);
            people.Add(person.Id);
        }

        await db.SaveChangesAsync(Cancellation);
        return new TestSituation(situation.Id, situation.Reference, situation.LeadServiceId, opener.Id, people, pseudonyms);
    }

    /// <summary>A consent of the situation's first person (or <paramref name="personId"/>) to <paramref name="serviceSlug"/>.</summary>
    public static async Task<Guid> AddConsentAsync(this WebApplicationFactory<Program> app, TestSituation situation, string serviceSlug, ConsentScope scope, Guid? personId = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(situation);
        var serviceId = await app.ServiceIdAsync(serviceSlug);
        var consent = new Consent(
            Guid.CreateVersion7(), situation.Id, personId ?? situation.People[0], serviceId, ConsentGiver.YoungPerson, scope, ConsentMethod.InPerson,
            DateOnly.FromDateTime(DateTime.UtcNow), situation.OpenedBy, DateTimeOffset.UtcNow);
        await using var services = app.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<CashDbContext>();
        db.Consents.Add(consent);
        await db.SaveChangesAsync(Cancellation);
        return consent.Id;
    }

    /// <summary>A pending referral from the lead service to <paramref name="toSlug"/>, resting on <paramref name="consentId"/>, asking <paramref name="request"/>.</summary>
    public static async Task<Guid> AddReferralAsync(this WebApplicationFactory<Program> app, TestSituation situation, string toSlug, Guid consentId, string request)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(situation);
        var toServiceId = await app.ServiceIdAsync(toSlug);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var consent = await db.Consents.SingleAsync(c => c.Id == consentId, Cancellation);
        var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, situation.LeadServiceId, toServiceId, situation.OpenedBy, consent, DateTimeOffset.UtcNow);
        referral.Request = await cipher.EncryptAsync(request, SituationColumns.ReferralRequest(referral.Id, situation.Id, toServiceId), Cancellation);
        db.Referrals.Add(referral);
        await db.SaveChangesAsync(Cancellation);
        return referral.Id;
    }

    public static async Task<int> ServiceIdAsync(this WebApplicationFactory<Program> app, string slug)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CashDbContext>().PartnerServices
            .Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation);
    }

    public static async Task<Referral> LoadReferralAsync(this WebApplicationFactory<Program> app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CashDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Id == id, Cancellation);
    }

    /// <summary>The situation's involved services as stored, the ended ones included.</summary>
    public static async Task<List<Cash.Web.Domain.Situations.InvolvedService>> InvolvementsAsync(this WebApplicationFactory<Program> app, Guid situationId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CashDbContext>().InvolvedServices.AsNoTracking()
            .Where(i => i.SituationId == situationId).ToListAsync(Cancellation);
    }
}
