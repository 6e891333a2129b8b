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
/// Consents and referrals written straight into the database as the pages leave them
/// (pseudonyms and texts encrypted with the app's own bindings), for tests that need them without
/// going through every form first.
/// </summary>
public static class ReferralTestData
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

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
        var consent = await db.Consents.SingleAsync(c => c.Id == consentId, Cancellation);
        var referral = Referral.WithConsent(Guid.CreateVersion7(), situation.Id, situation.LeadServiceId, toServiceId, situation.OpenedBy, consent, DateTimeOffset.UtcNow);
        referral.Request = await scope.ServiceProvider.GetRequiredService<SituationContent>().SealRequestAsync(referral, request, Cancellation);
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
