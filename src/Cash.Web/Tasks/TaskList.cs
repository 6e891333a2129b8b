using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tasks;

/// <summary>Which tasks a list shows: the viewer's own, or all of their service's.</summary>
public enum TaskScope
{
    /// <summary>Given to the viewer, or to the viewer's service with nobody named.</summary>
    Mine,

    /// <summary>Given to the viewer's service, or created by it.</summary>
    MyService,
}

/// <summary>
/// The task lists, always through <see cref="TaskAccess"/>: the task pages, a situation's page and the
/// dashboard read them from here. A row carries its encrypted title only where the viewer may read it
/// (<see cref="TaskOperations.View"/>); elsewhere it says "a task on S-…" and nothing more.
/// </summary>
public static class TaskList
{
    public const int MaxRows = 200;

    /// <summary>Closed tasks are listed apart for this long after they were closed.</summary>
    public static readonly TimeSpan RecentlyClosed = TimeSpan.FromDays(30);

    /// <summary>The tasks the viewer may know of, in <paramref name="scope"/>.</summary>
    public static IQueryable<WorkTask> VisibleTo(this IQueryable<WorkTask> tasks, ClaimsPrincipal user, TaskScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        var me = user.ProfessionalId();
        var service = user.ServiceId();
        var visible = tasks.Allowing(TaskAccess.Rule, user, TaskOperations.ViewMetadata);
        return scope == TaskScope.Mine
            ? visible.Where(t => t.AssigneeId == me || (t.AssigneeId == null && t.ServiceId == service))
            : visible.Where(t => t.ServiceId == service || t.CreatedByServiceId == service);
    }

    /// <summary>Open first, the overdue ones first since they are due earliest, then by due day; those without a due day last.</summary>
    public static IOrderedQueryable<WorkTask> OverdueFirst(this IQueryable<WorkTask> tasks) =>
        tasks.OrderBy(t => t.DueOn == null).ThenBy(t => t.DueOn).ThenBy(t => t.Id);

    /// <summary>The viewer's open tasks, overdue first (the dashboard's list).</summary>
    public static Task<IReadOnlyList<TaskRow>> OpenAsync(CashDbContext db, ClaimsPrincipal user, TaskScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RowsAsync(db, user, db.WorkTasks.VisibleTo(user, scope).Where(t => t.Status == WorkTaskStatus.ToDo).OverdueFirst().Take(MaxRows), cancellationToken);
    }

    /// <summary>The viewer's tasks done or cancelled within <see cref="RecentlyClosed"/>, the latest first.</summary>
    public static Task<IReadOnlyList<TaskRow>> RecentlyClosedAsync(CashDbContext db, ClaimsPrincipal user, TaskScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Times compare in UTC (on SQLite they are integers that only compare right between UTC values).
        var since = now.ToUniversalTime() - RecentlyClosed;
        return RowsAsync(
            db,
            user,
            db.WorkTasks.VisibleTo(user, scope).Where(t => t.Status != WorkTaskStatus.ToDo && t.ClosedAt >= since).OrderByDescending(t => t.ClosedAt).ThenBy(t => t.Id).Take(MaxRows),
            cancellationToken);
    }

    /// <summary>A situation's tasks the viewer may know of, open first.</summary>
    public static Task<IReadOnlyList<TaskRow>> OnSituationAsync(CashDbContext db, ClaimsPrincipal user, Guid situationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RowsAsync(
            db,
            user,
            db.WorkTasks.Allowing(TaskAccess.Rule, user, TaskOperations.ViewMetadata)
                .Where(t => t.SituationId == situationId)
                .OrderBy(t => t.Status != WorkTaskStatus.ToDo).ThenBy(t => t.DueOn == null).ThenBy(t => t.DueOn).ThenBy(t => t.Id)
                .Take(MaxRows),
            cancellationToken);
    }

    /// <summary>How many of the viewer's own tasks ("mine") are overdue on the Brussels day <paramref name="today"/>.</summary>
    public static Task<int> CountMyOverdueAsync(CashDbContext db, ClaimsPrincipal user, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WorkTasks.VisibleTo(user, TaskScope.Mine).CountAsync(t => t.Status == WorkTaskStatus.ToDo && t.DueOn < today, cancellationToken);
    }

    private static async Task<IReadOnlyList<TaskRow>> RowsAsync(CashDbContext db, ClaimsPrincipal user, IQueryable<WorkTask> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Select(t => new TaskRow(
                t.Id,
                t.Status,
                t.DueOn,
                t.ServiceId,
                t.AssigneeId,
                db.Users.Where(u => u.Id == t.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                t.SituationId,
                t.Situation == null ? null : t.Situation.Reference,
                t.Title,
                false,
                t.ClosedAt))
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var readable = (await db.WorkTasks.Where(t => ids.Contains(t.Id))
            .Allowing(TaskAccess.Rule, user, TaskOperations.View)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        return [.. rows.Select(r => readable.Contains(r.Id) ? r with { MayView = true } : r with { Title = null })];
    }
}

/// <summary>
/// A task as a list shows it. <see cref="Title"/> is the encrypted title, present only when
/// <see cref="MayView"/> (open it with <see cref="TaskContent"/>); <see cref="SituationReference"/> is
/// what the others see of its situation.
/// </summary>
public sealed record TaskRow(
    Guid Id,
    WorkTaskStatus Status,
    DateOnly? DueOn,
    int ServiceId,
    Guid? AssigneeId,
    string? AssigneeName,
    Guid? SituationId,
    string? SituationReference,
    byte[]? Title,
    bool MayView,
    DateTimeOffset? ClosedAt)
{
    public bool IsOverdueOn(DateOnly today) => Status == WorkTaskStatus.ToDo && DueOn < today;

    /// <summary>Open and due on <paramref name="today"/> or before: what needs doing today.</summary>
    public bool IsDueBy(DateOnly today) => Status == WorkTaskStatus.ToDo && DueOn <= today;
}
