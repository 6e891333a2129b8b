using Cash.Web.Audit;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Tasks;
using Cash.Web.HelpRequests;
using Cash.Web.Interventions;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Procedures;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro;

/// <summary>
/// The professionals' home: what needs me today, the same questions for everyone in a role, each
/// answered through the access rule of its records — requests to acknowledge, my tasks due today or late,
/// late procedure steps, referrals waiting for my service's answer, the next meeting and the coming
/// interventions — then where I can go.
/// </summary>
public sealed class IndexModel(
    CashDbContext db,
    PartnerDirectoryCache directory,
    TaskContent taskContent,
    InterventionCalendar interventions,
    LateSteps lateSteps,
    AuditTrail audit,
    TimeProvider clock) : PageModel
{
    /// <summary>How many of each kind the dashboard lists; the rest is behind the "see all" link.</summary>
    public const int Shown = 5;

    /// <summary>How far ahead the coming interventions are listed.</summary>
    public static readonly TimeSpan InterventionsAhead = TimeSpan.FromDays(14);

    public string DisplayName { get; private set; } = "";

    public string? ServiceName { get; private set; }

    public DateOnly Today { get; private set; }

    public int RequestsToAcknowledge { get; private set; }

    public IReadOnlyList<DueTask> DueTasks { get; private set; } = [];

    public int DueTaskCount { get; private set; }

    /// <summary>Counted up to this many; the page says "100 or more" beyond.</summary>
    public const int LateStepsCounted = 100;

    public IReadOnlyList<LateStep> LateSteps { get; private set; } = [];

    public int LateStepCount { get; private set; }

    public IReadOnlyList<WaitingReferral> Referrals { get; private set; } = [];

    public int ReferralCount { get; private set; }

    public NextMeeting? Meeting { get; private set; }

    public IReadOnlyList<CalendarEntry> ComingInterventions { get; private set; } = [];

    public PartnerDirectory Directory { get; private set; } = null!;

    public bool HasService => User.ServiceId() is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "home";
        var now = clock.GetUtcNow();
        Today = Brussels.DayOf(now);
        var id = User.ProfessionalId();
        Directory = await directory.GetAsync(cancellationToken);
        DisplayName = await db.Users.Where(p => p.Id == id).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        if (User.ServiceId() is { } serviceId)
        {
            ServiceName = Directory.NameOf(serviceId, CashCultures.CurrentLanguage);
        }

        RequestsToAcknowledge = await db.HelpRequests.VisibleTo(User).CountAsync(r => r.Status == HelpRequestStatus.New, cancellationToken);

        // Open tasks come overdue first, then by due day: those due by today are the first ones.
        var due = (await TaskList.OpenAsync(db, User, TaskScope.Mine, cancellationToken)).Where(t => t.IsDueBy(Today)).ToList();
        DueTaskCount = due.Count;
        var dueTasks = new List<DueTask>();
        foreach (var task in due.Take(Shown))
        {
            var title = task.MayView ? await taskContent.TitleAsync(task.Id, task.ServiceId, task.SituationId, task.Title, cancellationToken) : null;
            dueTasks.Add(new DueTask(task.Id, title, task.MayView && task.Title is not null && title is null, task.SituationReference, task.DueOn!.Value, task.IsOverdueOn(Today)));
        }

        DueTasks = dueTasks;
        await audit.RecordReadsAsync(nameof(WorkTask), dueTasks.Where(t => t.Title is not null).Select(t => t.Id.ToString()), cancellationToken);

        var late = await lateSteps.ForAsync(User, CashCultures.CurrentLanguage, LateStepsCounted, cancellationToken);
        LateStepCount = late.Count;
        LateSteps = [.. late.Take(Shown)];

        var waiting = db.Referrals.AsNoTracking().Allowing(ReferralAccess.Rule, User, SituationOperations.Decide);
        ReferralCount = await waiting.CountAsync(cancellationToken);
        Referrals = await waiting.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Take(Shown)
            .Select(r => new WaitingReferral(r.Id, r.Situation!.Reference, r.FromServiceId, r.RequestedAt))
            .ToListAsync(cancellationToken);

        // Times compare in UTC (on SQLite they are integers that only order right between UTC values).
        var utcNow = now.ToUniversalTime();
        Meeting = await db.Meetings.AsNoTracking().Allowing(MeetingAccess.Rule, User, MeetingOperations.View)
            .Where(m => m.EndsAt >= utcNow && m.CancelledAt == null)
            .OrderBy(m => m.StartsAt).ThenBy(m => m.Id)
            .Select(m => new NextMeeting(m.Id, m.Title, m.StartsAt, m.Place))
            .FirstOrDefaultAsync(cancellationToken);

        ComingInterventions = [.. (await interventions.UpcomingAsync(Viewer.Of(User), now, cancellationToken))
            .Where(i => i.StartsAt <= now + InterventionsAhead)
            .Take(Shown)];
    }

    public string NameOf(int serviceId) => Directory.NameOf(serviceId, CashCultures.CurrentLanguage) ?? "";

    /// <param name="Title">Null when the viewer may not read it (then <paramref name="SituationReference"/> names it) or it cannot be read (<paramref name="Unreadable"/>).</param>
    public sealed record DueTask(Guid Id, string? Title, bool Unreadable, string? SituationReference, DateOnly DueOn, bool Overdue);

    public sealed record WaitingReferral(Guid Id, string Reference, int FromServiceId, DateTimeOffset RequestedAt);

    public sealed record NextMeeting(Guid Id, string Title, DateTimeOffset StartsAt, string? Place);
}
