using System.Text.RegularExpressions;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Interventions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;

namespace Cash.Tests;

/// <summary>
/// The dashboard <c>/pro</c> (issue 11, item 5): what needs me today — requests to acknowledge, my
/// tasks due today or late, late procedure steps, referrals waiting for my service's answer, the next meeting
/// and the coming interventions — each read through its record's access rule, so a member of a
/// service that has nothing to do with them sees none of it. The late steps are on the task list too.
/// </summary>
public abstract partial class SeeingWhatNeedsMeTodayTests(CashApp app)
{
    private const string Declic = "le-declic";
    private const string Passerelle = "la-passerelle";
    private const string Mediation = "mediation-scolaire";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDashboardGathersWhatWaitsForMeAndNothingOfAnotherService()
    {
        var me = await app.CreateProfessionalAsync(ProRole.Member, Declic);
        var colleague = await app.CreateProfessionalAsync(ProRole.Member, Passerelle);
        var outsider = await app.CreateProfessionalAsync(ProRole.Member, Mediation);
        var today = Brussels.DayOf(DateTimeOffset.UtcNow);

        await app.NewHelpRequest().To(Declic).SaveAsync();
        var overdueTitle = "Rappeler l’école de Zoé " + Guid.NewGuid();
        var overdue = await app.AddTaskAsync(overdueTitle, Declic, me, assigneeId: me.Id, dueOn: today.AddDays(-3));
        var dueToday = await app.AddTaskAsync("Appeler la direction " + Guid.NewGuid(), Declic, me, dueOn: today);
        var notYet = await app.AddTaskAsync("Préparer la suite", Declic, me, assigneeId: me.Id, dueOn: today.AddDays(10));
        var ours = await app.NewSituation(Declic).OpenedBy(me).SaveAsync();
        await app.StartChecklistAsync(ours, me, "school", DateTimeOffset.UtcNow.AddDays(-30));
        var theirs = await app.NewSituation(Passerelle).OpenedBy(colleague).WithPerson("Élève A").SaveAsync();
        var referral = await app.AddReferralAsync(theirs, Declic, await app.AddConsentAsync(theirs, Declic, ConsentScope.JoinSituation), "Pouvez-vous la recevoir ?");
        var meetingTitle = "Concertation de décembre " + Guid.NewGuid();
        await app.AddMeetingAsync(meetingTitle, DateTimeOffset.UtcNow.AddDays(2), Declic);
        var intervention = await app.NewIntervention(Passerelle).On(today.AddDays(3), new(9, 0), new(11, 0)).With(Declic, ParticipationStatus.Confirmed).SaveAsync();
        var later = await app.NewIntervention(Passerelle).On(today.AddDays(40), new(9, 0), new(11, 0)).With(Declic, ParticipationStatus.Confirmed).SaveAsync();

        using var browser = await app.SignInAsync(me);
        var page = await browser.GetStringAsync(new Uri("/pro", UriKind.Relative), Cancellation);

        Assert.Equal("1", Count(Section(page, "requests")));
        var tasks = Section(page, "tasks");
        Assert.Equal("2", Count(tasks));
        Assert.Contains($"data-task=\"{overdue}\"", tasks, StringComparison.Ordinal);
        Assert.Contains(overdueTitle, tasks, StringComparison.Ordinal);
        Assert.True(tasks.IndexOf(overdue.ToString(), StringComparison.Ordinal) < tasks.IndexOf(dueToday.ToString(), StringComparison.Ordinal), "The late task comes first.");
        Assert.Single(LateBadge().Matches(tasks));
        Assert.DoesNotContain(notYet.ToString(), page, StringComparison.Ordinal);
        var steps = Section(page, "steps");
        Assert.NotEqual("0", Count(steps));
        Assert.Contains(ours.Reference, steps, StringComparison.Ordinal);
        var referrals = Section(page, "referrals");
        Assert.Equal("1", Count(referrals));
        Assert.Contains($"data-referral=\"{referral}\"", referrals, StringComparison.Ordinal);
        Assert.Contains(theirs.Reference, referrals, StringComparison.Ordinal);
        Assert.Contains(meetingTitle, Section(page, "meeting"), StringComparison.Ordinal);
        var interventions = Section(page, "interventions");
        Assert.Contains($"data-intervention=\"{intervention.Id}\"", interventions, StringComparison.Ordinal);
        Assert.DoesNotContain(later.Id.ToString(), interventions, StringComparison.Ordinal);

        // The task list shows the late steps after the open tasks.
        var taskList = await browser.GetStringAsync(new Uri("/pro/taches", UriKind.Relative), Cancellation);
        Assert.Contains(ours.Reference, Regex.Match(taskList, "<ul id=\"late-steps\">.*?</ul>", RegexOptions.Singleline).Value, StringComparison.Ordinal);

        using var elsewhere = await app.SignInAsync(outsider);
        var theirPage = await elsewhere.GetStringAsync(new Uri("/pro", UriKind.Relative), Cancellation);
        foreach (var kind in new[] { "requests", "tasks", "steps", "referrals" })
        {
            Assert.Equal("0", Count(Section(theirPage, kind)));
        }

        Assert.DoesNotContain(meetingTitle, theirPage, StringComparison.Ordinal);
        Assert.DoesNotContain(intervention.Id.ToString(), theirPage, StringComparison.Ordinal);
        Assert.DoesNotContain(ours.Reference, theirPage, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Reference, theirPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorSeesNoCaseWorkOnTheDashboard()
    {
        var administrator = await app.CreateProfessionalAsync(ProRole.Administrator, null);
        using var browser = await app.SignInAsync(administrator);

        var page = await browser.GetStringAsync(new Uri("/pro", UriKind.Relative), Cancellation);

        Assert.Equal("0", Count(Section(page, "requests")));
        Assert.DoesNotContain("id=\"dashboard-tasks\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"dashboard-referrals\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"dashboard-meeting\"", page, StringComparison.Ordinal);
    }

    private static string Section(string page, string kind)
    {
        var match = Regex.Match(page, $"<section[^>]*id=\"dashboard-{kind}\".*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"The dashboard has no {kind} section.");
        return match.Value;
    }

    private static string Count(string section) => CountPattern().Match(section).Groups[1].Value;

    [GeneratedRegex("class=\"badge badge-late\"")]
    private static partial Regex LateBadge();

    [GeneratedRegex("<span class=\"count\">([^<]*)</span>")]
    private static partial Regex CountPattern();
}

public sealed class SeeingWhatNeedsMeTodayOnSqlite(SqliteCashApp app) : SeeingWhatNeedsMeTodayTests(app), IClassFixture<SqliteCashApp>;

public sealed class SeeingWhatNeedsMeTodayOnPostgres(PostgresCashApp app) : SeeingWhatNeedsMeTodayTests(app), IClassFixture<PostgresCashApp>;
