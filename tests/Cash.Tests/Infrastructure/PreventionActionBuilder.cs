using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Domain.Schools;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>Writes a prevention action straight to the database, as the pages would: recorded by a member of a service, in given schools, on a day.</summary>
public sealed class PreventionActionBuilder(WebApplicationFactory<Program> app, string recordedBy)
{
    private readonly List<int> schools = [];
    private readonly List<string> others = [];
    private DateOnly day = new(2027, 3, 15);
    private PreventionThemes themes = PreventionThemes.Bullying;
    private PreventionKind kind = PreventionKind.ClassWorkshop;
    private int reached = 25;
    private string tool = "Jeu de rôle";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public PreventionActionBuilder On(DateOnly value)
    {
        day = value;
        return this;
    }

    public PreventionActionBuilder In(params int[] schoolIds)
    {
        schools.AddRange(schoolIds);
        return this;
    }

    public PreventionActionBuilder About(PreventionThemes value)
    {
        themes = value;
        return this;
    }

    public PreventionActionBuilder Of(PreventionKind value)
    {
        kind = value;
        return this;
    }

    public PreventionActionBuilder Reaching(int value)
    {
        reached = value;
        return this;
    }

    public PreventionActionBuilder Using(string toolName)
    {
        tool = toolName;
        return this;
    }

    public PreventionActionBuilder With(string slug)
    {
        others.Add(slug);
        return this;
    }

    public async Task<PreventionAction> SaveAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var ids = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id, Cancellation);
        var creator = await db.Users.Where(u => u.PartnerServiceId == ids[recordedBy]).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(Cancellation)
            ?? (await app.CreateProfessionalAsync(Cash.Web.Domain.People.ProRole.Member, recordedBy)).Id;
        if (schools.Count == 0)
        {
            schools.Add(await app.NewSchoolAsync("École de prévention"));
        }

        var action = new PreventionAction(Guid.CreateVersion7(), ids[recordedBy], creator, DateTimeOffset.UtcNow);
        action.Describe(kind, themes, day, schools, "3e B", reached, [.. others.Select(o => ids[o])], tool, "Deux heures d'atelier.", null);
        db.PreventionActions.Add(action);
        await db.SaveChangesAsync(Cancellation);
        return action;
    }
}

public static class PreventionActionBuilding
{
    public static PreventionActionBuilder NewPreventionAction(this WebApplicationFactory<Program> app, string recordedBy = "le-declic") => new(app, recordedBy);

    /// <summary>A new active school, its name made unique by a suffix (the name given first).</summary>
    public static async Task<int> NewSchoolAsync(this WebApplicationFactory<Program> app, string name, SchoolNetwork network = SchoolNetwork.Communal)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var school = db.Schools.Add(new School($"{name} {Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 200)], network, null)).Entity;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return school.Id;
    }

    public static Task<PreventionAction> LoadPreventionActionAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.PreventionActions.AsNoTracking().Include(a => a.Schools).Include(a => a.Services).SingleAsync(a => a.Id == id, TestContext.Current.CancellationToken));
}
