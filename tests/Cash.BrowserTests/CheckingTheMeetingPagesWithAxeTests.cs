using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Meetings;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.BrowserTests;

/// <summary>
/// WCAG 2.1 AA as far as a machine can tell, on the meeting pages: the list, planning one (also with
/// its errors), a meeting with its agenda (an item about a situation), attendance, minutes and
/// decisions as a coordinator runs it and as an invited member reads it, editing it, its minutes,
/// the confirmation of cancelling one and a cancelled one, and the personal calendar page; in
/// French, Dutch and English.
/// </summary>
public sealed class CheckingTheMeetingPagesWithAxeTests(CashSite site)
{
    [Theory]
    [MemberData(nameof(PublicPages.CultureNames), MemberType = typeof(PublicPages))]
    public async Task EveryMeetingPageHasNoViolations(string culture)
    {
        var member = await ProJourney.CreateEnrolledAsync(site, ProRole.Member, "le-declic");
        var coordinator = await ProJourney.CreateEnrolledAsync(site, ProRole.Coordinator, "egalite-des-chances");
        var meeting = await MeetingAsync(member.Id, coordinator.Id);
        var upcoming = await PlannedAsync(coordinator.Id, cancelled: false);
        var cancelled = await PlannedAsync(coordinator.Id, cancelled: true);

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, coordinator, audit: false);
            foreach (var path in new[]
            {
                "/pro/reunions", "/pro/reunions/nouvelle", $"/pro/reunions/{meeting}", $"/pro/reunions/{meeting}/modifier",
                $"/pro/reunions/{meeting}/compte-rendu", "/pro/compte/agenda",
                $"/pro/reunions/{upcoming}", $"/pro/reunions/{upcoming}/annuler", $"/pro/reunions/{cancelled}?fait=annulee",
            })
            {
                await CheckAsync(session, path, culture);
            }

            // The planning form sent empty: the error summary and the fields' errors.
            await session.GoToAsync(PublicPages.InCulture("/pro/reunions/nouvelle", culture));
            await session.Page.Locator("main form button[type='submit']").ClickAsync();
            await session.Page.Locator(".error-summary").WaitForAsync();
            await AxeAudit.AssertNoViolationsAsync(session.Page);

            // The calendar address just made, shown once.
            await session.GoToAsync(PublicPages.InCulture("/pro/compte/agenda", culture));
            await session.Page.Locator("main form button[type='submit']").First.ClickAsync();
            await session.Page.Locator("#feed-address").WaitForAsync();
            await AxeAudit.AssertNoViolationsAsync(session.Page);
        }

        await using (var session = await site.OpenAsync())
        {
            await session.GoToAsync("/pro/connexion");
            await ProJourney.SignInAsync(site, session.Page, member, audit: false);
            await CheckAsync(session, $"/pro/reunions/{meeting}", culture);
            await CheckAsync(session, "/pro/reunions", culture);
        }
    }

    private static async Task CheckAsync(BrowserSession session, string path, string culture)
    {
        var status = await session.GoToAsync(PublicPages.InCulture(path, culture));
        Assert.True(status == 200, $"{path} answered {status}");
        Assert.Equal(PublicPages.LanguageOf(culture), await session.DocumentLanguageAsync());
        await AxeAudit.AssertNoViolationsAsync(session.Page);
    }

    /// <summary>A network meeting in a week, Le Déclic invited; cancelled if asked.</summary>
    private async Task<Guid> PlannedAsync(Guid coordinatorId, bool cancelled)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var declic = await db.PartnerServices.Where(s => s.Slug == "le-declic").Select(s => s.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var meeting = new Meeting(Guid.CreateVersion7(), MeetingKind.NetworkMeeting, cancelled ? "Réunion annulée" : "Réunion du réseau", now.AddDays(7), now.AddDays(7).AddHours(2), "Hôtel de ville, salle 2", null, coordinatorId, now);
        meeting.InviteOnly([declic]);
        if (cancelled)
        {
            meeting.Cancel(now);
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    /// <summary>A consultation that started an hour ago, Le Déclic invited, with an item about its situation, minutes and a decision.</summary>
    private async Task<Guid> MeetingAsync(Guid memberId, Guid coordinatorId)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var situations = scope.ServiceProvider.GetRequiredService<SituationContent>();
        var content = scope.ServiceProvider.GetRequiredService<MeetingContent>();
        var services = await db.PartnerServices.ToDictionaryAsync(s => s.Slug, s => s.Id);
        var now = DateTimeOffset.UtcNow;
        var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), services["le-declic"], memberId, SituationChannel.Phone, Severity.Serious, now) { OutsideSchool = true };
        situation.Summary = await situations.SealSummaryAsync(situation, "Messages insultants sur un groupe de classe.", default);
        db.Situations.Add(situation);

        var meeting = new Meeting(Guid.CreateVersion7(), MeetingKind.CaseConsultation, "Concertation de cas", now.AddHours(-1), now.AddHours(1), "Hôtel de ville, salle 2", new Uri("https://visio.example.be/cash"), coordinatorId, now.AddDays(-3));
        meeting.InviteOnly([services["le-declic"], services["mediation-scolaire"]]);
        var item = meeting.AddAgendaItem(Guid.CreateVersion7(), "Point sur une situation", situation.Id);
        item.Notes = await content.SealNotesAsync(item, "À revoir avec l'école.", default);
        meeting.AddAgendaItem(Guid.CreateVersion7(), "Agenda du trimestre", null);
        meeting.RecordAttendance(services["le-declic"], Attendance.Present, now);
        meeting.WriteMinutes(await content.SealMinutesAsync(meeting, "# Présents\n\n- AMO « Le Déclic »\n\nVoir [le site](https://cash.example.be).", default), now);
        var decision = meeting.AddDecision(Guid.CreateVersion7(), services["mediation-scolaire"], DateOnly.FromDateTime(now.UtcDateTime).AddDays(14), now);
        decision.Text = await content.SealDecisionAsync(decision, "Rencontrer la classe.", default);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }
}
