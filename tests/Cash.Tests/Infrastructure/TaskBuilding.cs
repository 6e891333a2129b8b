using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Cash.Web.Security.Encryption;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests.Infrastructure;

/// <summary>Tasks written straight to the database, through the same writer as the form and the meetings.</summary>
public static class TaskBuilding
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// A task "<paramref name="title"/>" for the service <paramref name="serviceSlug"/>, created by
    /// <paramref name="creator"/> for their service; optionally on a situation, for a member, due on a day.
    /// </summary>
    public static async Task<Guid> AddTaskAsync(
        this WebApplicationFactory<Program> app,
        string title,
        string serviceSlug,
        TestProfessional creator,
        Guid? situationId = null,
        Guid? assigneeId = null,
        DateOnly? dueOn = null,
        Action<WorkTask>? then = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(creator);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var cipher = scope.ServiceProvider.GetRequiredService<FieldCipher>();
        var serviceId = await db.PartnerServices.Where(s => s.Slug == serviceSlug).Select(s => s.Id).SingleAsync(Cancellation);
        var task = await TaskWriter.NewAsync(db, cipher, title, serviceId, assigneeId, dueOn, situationId, null, creator.Id, creator.PartnerServiceId, DateTimeOffset.UtcNow, Cancellation);
        then?.Invoke(task);
        await db.SaveChangesAsync(Cancellation);
        return task.Id;
    }

    public static Task<WorkTask> LoadTaskAsync(this CashApp app, Guid id) =>
        app.InDatabaseAsync(db => db.WorkTasks.AsNoTracking().SingleAsync(t => t.Id == id, Cancellation));
}
