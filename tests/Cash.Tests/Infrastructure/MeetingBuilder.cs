using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Meetings;
using Cash.Web.Security.Encryption;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>Meetings written straight to the database, for tests about what the pages show and who finds them.</summary>
public static class MeetingBuilding
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A meeting planned by a new coordinator, inviting the services named by slug.</summary>
    public static async Task<Guid> AddMeetingAsync(this WebApplicationFactory<Program> app, string title, DateTimeOffset startsAt, params string[] invited)
    {
        ArgumentNullException.ThrowIfNull(app);
        var coordinator = await app.CreateProfessionalAsync(ProRole.Coordinator, "egalite-des-chances");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var services = await db.PartnerServices.Where(s => invited.Contains(s.Slug)).Select(s => s.Id).ToListAsync(Cancellation);
        var meeting = new Meeting(Guid.CreateVersion7(), MeetingKind.CaseConsultation, title, startsAt, startsAt.AddHours(2), "Hôtel de ville, salle 2", null, coordinator.Id, DateTimeOffset.UtcNow);
        meeting.InviteOnly(services);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(Cancellation);
        return meeting.Id;
    }

    /// <summary>An agenda item, with notes and a situation if given.</summary>
    public static async Task<Guid> AddAgendaItemAsync(this WebApplicationFactory<Program> app, Guid meetingId, string title, Guid? situationId = null, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var meeting = await db.Meetings.Include(m => m.AgendaItems).SingleAsync(m => m.Id == meetingId, Cancellation);
        var item = meeting.AddAgendaItem(Guid.CreateVersion7(), title, situationId);
        if (notes is not null)
        {
            item.Notes = await scope.ServiceProvider.GetRequiredService<FieldCipher>().EncryptAsync(notes, MeetingColumns.AgendaNotes(item.Id, meetingId), Cancellation);
        }

        await db.SaveChangesAsync(Cancellation);
        return item.Id;
    }

    /// <summary>A decision for the service named by slug (the meeting must have started).</summary>
    public static async Task<Guid> AddDecisionAsync(this WebApplicationFactory<Program> app, Guid meetingId, string slug, string text, DateOnly? dueOn = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var serviceId = await db.PartnerServices.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync(Cancellation);
        var meeting = await db.Meetings.Include(m => m.Decisions).SingleAsync(m => m.Id == meetingId, Cancellation);
        var decision = meeting.AddDecision(Guid.CreateVersion7(), serviceId, dueOn, DateTimeOffset.UtcNow);
        decision.Text = await scope.ServiceProvider.GetRequiredService<FieldCipher>().EncryptAsync(text, MeetingColumns.DecisionText(decision.Id, meetingId, serviceId), Cancellation);
        await db.SaveChangesAsync(Cancellation);
        return decision.Id;
    }
}
