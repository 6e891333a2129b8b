using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Tasks;
using Cash.Web.Mail;
using Cash.Web.Operations;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Tasks;

/// <summary>
/// Every hour, from <see cref="FirstHour"/> on a Brussels working day, each person with open tasks due
/// by the next working day or overdue gets one content-free e-mail for the day: how many of each, and
/// a link to the task list. A task given to someone reminds that person; a task given to a service
/// with nobody named reminds every active member of the service. A person is marked as reminded for
/// the day (<see cref="TaskReminder"/>, unique per person and day) before the message goes out, so two
/// instances or a restart never send it twice; a message that could not be handed over frees the mark
/// for the next run.
/// </summary>
public sealed partial class TaskReminderJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<TaskReminderJob> logger)
    : PeriodicJob(clock, logger)
{
    /// <summary>No reminder before this hour, Brussels time.</summary>
    public const int FirstHour = 7;

    /// <summary>How many days a reminder's mark is kept.</summary>
    public const int KeptDays = 31;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Sends the reminders due at <paramref name="now"/>; returns how many people were sent one.</summary>
    public async Task<int> RemindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = Brussels.DayOf(now);
        if (!WorkingDays.IsWorkingDay(today) || Brussels.TimeOf(now).Hour < FirstHour)
        {
            return 0;
        }

        var horizon = WorkTask.DueAfterWorkingDays(today, 1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();

        // The marks are needed for the day they are for; a month of them is kept, then forgotten.
        var forgotten = today.AddDays(-KeptDays);
        await db.TaskReminders.Where(r => r.Day < forgotten).ExecuteDeleteAsync(cancellationToken);
        var due = await db.WorkTasks.AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.ToDo && t.DueOn != null && t.DueOn <= horizon)
            .Select(t => new { t.ServiceId, t.AssigneeId, Overdue = t.DueOn < today })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var services = due.Where(t => t.AssigneeId == null).Select(t => t.ServiceId).Distinct().ToList();
        var assignees = due.Where(t => t.AssigneeId != null).Select(t => t.AssigneeId!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking()
            .Where(p => p.DisabledAt == null && p.Email != null && (assignees.Contains(p.Id) || (p.PartnerServiceId != null && services.Contains(p.PartnerServiceId.Value))))
            .Select(p => new { p.Id, p.PartnerServiceId, Email = p.Email! })
            .ToListAsync(cancellationToken);
        var reminded = (await db.TaskReminders.AsNoTracking().Where(r => r.Day == today).Select(r => r.ProfessionalId).ToListAsync(cancellationToken)).ToHashSet();

        var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();
        var link = new Uri(BaseUrl, "/pro/taches");
        var sent = 0;
        foreach (var person in people.Where(p => !reminded.Contains(p.Id)).OrderBy(p => p.Id))
        {
            var theirs = due.Where(t => t.AssigneeId == person.Id || (t.AssigneeId == null && t.ServiceId == person.PartnerServiceId)).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            if (!await ClaimAsync(db, person.Id, today, now, cancellationToken))
            {
                continue;
            }

            try
            {
                await mailer.SendTaskReminderAsync(person.Email, link, theirs.Count(t => !t.Overdue), theirs.Count(t => t.Overdue), cancellationToken);
                sent++;
            }
            catch (MailDeliveryException)
            {
                Log.NotSent(logger);
                await db.TaskReminders.Where(r => r.ProfessionalId == person.Id && r.Day == today).ExecuteDeleteAsync(cancellationToken);
            }
        }

        if (sent > 0)
        {
            Log.Reminded(logger, sent);
        }

        return sent;
    }

    protected override Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken) => RemindAsync(now, cancellationToken);

    /// <summary>Marks the person as reminded today; false when someone else (another instance) did first.</summary>
    private static async Task<bool> ClaimAsync(CashDbContext db, Guid professionalId, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = new TaskReminder(professionalId, day, now);
        db.TaskReminders.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            db.Entry(claim).State = EntityState.Detached;
        }
    }

    private Uri BaseUrl => SiteAddress.Configured(configuration) ?? new Uri("https://localhost");

    private static partial class Log
    {
        [LoggerMessage(EventId = 4910, Level = LogLevel.Information, Message = "Sent {Count} task reminders.")]
        public static partial void Reminded(ILogger logger, int count);

        [LoggerMessage(EventId = 4911, Level = LogLevel.Warning, Message = "A task reminder could not be sent; the next run tries again.")]
        public static partial void NotSent(ILogger logger);
    }
}
