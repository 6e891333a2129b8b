using Cash.Tests.Infrastructure;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tasks;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Cash.Tests;

/// <summary>
/// The daily task reminder (issue 11): one content-free e-mail per person and Brussels working day,
/// counting the open tasks due by the next working day and the overdue ones, to the assignee or, for a
/// task given to a service, to its active members; never twice the same day, whatever runs it; none
/// for tasks done or cancelled. Over real SMTP, on instants far from the real clock.
/// </summary>
public abstract class RemindingOfTasksTests(SmtpCashApp fixture)
{
    private const string Declic = "le-declic";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private CashApp App => fixture.App;

    [Fact]
    public async Task APersonGetsOneMessageADayCountingWhatIsDueTomorrowAndWhatIsOverdueAndNothingElse()
    {
        // Tuesday 4 March 2031, 08:30 in Brussels: the next working day is Wednesday 5.
        var tuesday = new DateTimeOffset(2031, 3, 4, 7, 30, 0, TimeSpan.Zero);
        var me = await App.CreateProfessionalAsync(ProRole.Member, Declic);
        var situation = await App.NewSituation(Declic).OpenedBy(me).SaveAsync();
        var secret = "Appeler la maman de E. F. " + Guid.NewGuid();
        await App.AddTaskAsync(secret, Declic, me, situation.Id, assigneeId: me.Id, dueOn: new DateOnly(2031, 3, 5));
        await App.AddTaskAsync("Deuxième pour demain", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 3, 5));
        await App.AddTaskAsync("En retard", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 3, 3));
        await App.AddTaskAsync("Plus tard", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 3, 20));
        await App.AddTaskAsync("Faite", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 3, 1), then: t => t.MarkDone(me.Id, tuesday));
        var job = App.Services.GetRequiredService<TaskReminderJob>();

        // Two runs at once (two instances) and one more later that day: one message.
        await Task.WhenAll(job.RemindAsync(tuesday, Cancellation), job.RemindAsync(tuesday, Cancellation));
        await job.RemindAsync(tuesday.AddHours(3), Cancellation);
        var message = Assert.Single(To(me.Email));
        var body = message.TextBody ?? "";
        Assert.Contains("Vous avez 2 tâche(s) à faire pour le prochain jour ouvrable et 1 tâche(s) en retard.", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf("Vous avez", StringComparison.Ordinal) < body.IndexOf("U hebt", StringComparison.Ordinal), "French comes first.");
        Assert.Contains("/pro/taches", body, StringComparison.Ordinal);
        var everything = body + message.HtmlBody + message.Subject;
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Deuxième", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(situation.Reference, everything, StringComparison.Ordinal);
        Assert.Equal(1, await App.InDatabaseAsync(db => db.TaskReminders.CountAsync(r => r.ProfessionalId == me.Id && r.Day == new DateOnly(2031, 3, 4), Cancellation)));

        // The next day is another day.
        await job.RemindAsync(tuesday.AddDays(1), Cancellation);
        Assert.Equal(2, To(me.Email).Count);

        // The marks of a day are forgotten a month later (Wednesday 16 April 2031).
        await job.RemindAsync(tuesday.AddDays(43), Cancellation);
        Assert.False(await App.InDatabaseAsync(db => db.TaskReminders.AnyAsync(r => r.ProfessionalId == me.Id && r.Day == new DateOnly(2031, 3, 4), Cancellation)));
        Assert.True(await App.InDatabaseAsync(db => db.TaskReminders.AnyAsync(r => r.ProfessionalId == me.Id && r.Day == new DateOnly(2031, 4, 16), Cancellation)));
    }

    [Fact]
    public async Task ATaskGivenToAServiceRemindsEachOfItsActiveMembersAndAnAssignedOneOnlyItsAssignee()
    {
        // Thursday 10 April 2031, 09:00 in Brussels; tasks for a service no other test here gives one to.
        var thursday = new DateTimeOffset(2031, 4, 10, 7, 0, 0, TimeSpan.Zero);
        const string service = "mediation-scolaire";
        var first = await App.CreateProfessionalAsync(ProRole.Member, service);
        var second = await App.CreateProfessionalAsync(ProRole.Lead, service);
        var gone = await App.CreateProfessionalAsync(ProRole.Member, service);
        await App.InDatabaseAsync(async db =>
        {
            var person = await db.Users.SingleAsync(p => p.Id == gone.Id, Cancellation);
            person.Disable(thursday);
            await db.SaveChangesAsync(Cancellation);
        });
        var declicMember = await App.CreateProfessionalAsync(ProRole.Member, Declic);
        await App.AddTaskAsync("Pour tout le service", service, declicMember, dueOn: new DateOnly(2031, 4, 11));
        var elsewhere = await App.CreateProfessionalAsync(ProRole.Member, Declic);
        await App.AddTaskAsync("Pour une personne", Declic, declicMember, assigneeId: elsewhere.Id, dueOn: new DateOnly(2031, 4, 9));

        await App.Services.GetRequiredService<TaskReminderJob>().RemindAsync(thursday, Cancellation);

        Assert.Single(To(first.Email));
        Assert.Single(To(second.Email));
        Assert.Empty(To(gone.Email));
        Assert.Contains("et 1 tâche(s) en retard", Assert.Single(To(elsewhere.Email)).TextBody, StringComparison.Ordinal);
        Assert.Empty(To(declicMember.Email));
    }

    [Fact]
    public async Task NoReminderForTasksDoneOrCancelledNorOnAWeekendOrBeforeSevenInTheMorning()
    {
        // Monday 12 May 2031: first at 06:00 in Brussels, then on Saturday 10 and Sunday 11 before it.
        var monday = new DateTimeOffset(2031, 5, 12, 4, 0, 0, TimeSpan.Zero);
        var me = await App.CreateProfessionalAsync(ProRole.Member, Declic);
        var due = await App.AddTaskAsync("Due demain", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 5, 13));
        await App.AddTaskAsync("Annulée", Declic, me, assigneeId: me.Id, dueOn: new DateOnly(2031, 5, 2), then: t => t.Cancel([1, 2, 3], me.Id, monday));
        var job = App.Services.GetRequiredService<TaskReminderJob>();

        await job.RemindAsync(monday.AddDays(-2).AddHours(6), Cancellation);
        await job.RemindAsync(monday.AddDays(-1).AddHours(6), Cancellation);
        await job.RemindAsync(monday, Cancellation);
        Assert.Empty(To(me.Email));

        // Done: nothing left to remind of.
        await App.InDatabaseAsync(async db =>
        {
            var task = await db.WorkTasks.SingleAsync(t => t.Id == due, Cancellation);
            task.MarkDone(me.Id, monday);
            await db.SaveChangesAsync(Cancellation);
        });
        await job.RemindAsync(monday.AddHours(4), Cancellation);
        Assert.Empty(To(me.Email));
        Assert.False(await App.InDatabaseAsync(db => db.TaskReminders.AnyAsync(r => r.ProfessionalId == me.Id, Cancellation)));
    }

    private List<MimeMessage> To(string address) =>
        [.. fixture.Smtp.Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];
}

public sealed class RemindingOfTasksOnSqlite(SqliteSmtpCashApp fixture) : RemindingOfTasksTests(fixture), IClassFixture<SqliteSmtpCashApp>;

public sealed class RemindingOfTasksOnPostgres(PostgresSmtpCashApp fixture) : RemindingOfTasksTests(fixture), IClassFixture<PostgresSmtpCashApp>;
