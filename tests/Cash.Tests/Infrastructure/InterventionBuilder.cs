using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.Schools;
using Cash.Web.Interventions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// Writes a joint intervention straight to the database, as the pages would: organised by a service,
/// in a new school, on a Brussels day and times, with services invited, confirmed or declined, a plan.
/// </summary>
public sealed class InterventionBuilder(WebApplicationFactory<Program> app, string organiser)
{
    private readonly List<(string Slug, ParticipationStatus Status)> services = [];
    private DateOnly day = new(2027, 3, 15);
    private TimeOnly start = new(9, 0);
    private TimeOnly end = new(11, 0);
    private Guid? situationId;
    private string? plan = "Atelier sur les moqueries, deux heures par classe.";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public InterventionBuilder On(DateOnly value, TimeOnly from, TimeOnly to)
    {
        (day, start, end) = (value, from, to);
        return this;
    }

    public InterventionBuilder For(Guid situation)
    {
        situationId = situation;
        return this;
    }

    public InterventionBuilder Plan(string? value)
    {
        plan = value;
        return this;
    }

    public InterventionBuilder With(string slug, ParticipationStatus status)
    {
        services.Add((slug, status));
        return this;
    }

    public async Task<Intervention> SaveAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<InterventionContent>();
        var ids = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id, Cancellation);
        var creator = await db.Users.Where(u => u.PartnerServiceId == ids[organiser]).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(Cancellation)
            ?? (await app.CreateProfessionalAsync(Cash.Web.Domain.People.ProRole.Member, organiser)).Id;
        var school = db.Schools.Add(new School($"École des interventions {Guid.NewGuid():N}"[..36], SchoolNetwork.Communal, null)).Entity;
        await db.SaveChangesAsync(Cancellation);

        var at = DateTimeOffset.UtcNow;
        var intervention = new Intervention(Guid.CreateVersion7(), ids[organiser], school.Id, situationId, creator, at);
        intervention.Schedule(school.Id, "3e B", day, start, end, "Théâtre-forum");
        if (plan is not null)
        {
            intervention.ChangePlan(await content.SealPlanAsync(intervention, plan, Cancellation));
        }

        foreach (var (slug, status) in services)
        {
            intervention.Invite(ids[slug], at);
            if (status == ParticipationStatus.Confirmed)
            {
                intervention.Confirm(ids[slug], [], creator, at);
            }
            else if (status == ParticipationStatus.Declined)
            {
                intervention.Decline(ids[slug], null, creator, at);
            }
        }

        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(Cancellation);
        return intervention;
    }
}

public static class InterventionBuilding
{
    public static InterventionBuilder NewIntervention(this WebApplicationFactory<Program> app, string organiser = "le-declic") => new(app, organiser);

    public static Task<Intervention> LoadInterventionAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.Interventions.AsNoTracking().Include(i => i.Services).Include(i => i.People).SingleAsync(i => i.Id == id, TestContext.Current.CancellationToken));
}
