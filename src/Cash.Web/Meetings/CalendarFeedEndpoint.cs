using Cash.Web.Data;
using Cash.Web.Security;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Meetings;

/// <summary>
/// <c>GET /agenda/{token}.ics</c>: a person's calendar, for calendar apps that fetch it without a
/// cookie. An unknown, malformed or revoked token, or a disabled account, answers 404; requests are
/// limited per client; the answer is never stored by a cache and sends no referrer.
/// </summary>
public static class CalendarFeedEndpoint
{
    public const string Route = "/agenda/{token}.ics";

    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, GetAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.CalendarFeed)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The address of a feed, for the page that shows it once.</summary>
    public static string PathOf(string token) => $"/agenda/{token}.ics";

    internal static async Task<IResult> GetAsync(
        string token, HttpContext http, CashDbContext db, CalendarFeedTokens tokens, IEnumerable<ICalendarFeedSource> sources, TimeProvider clock, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var feed = await tokens.FindActiveAsync(db, token, cancellationToken);
        if (feed is null)
        {
            return Results.NotFound();
        }

        var person = await db.Users.AsNoTracking()
            .Where(p => p.Id == feed.ProfessionalId && p.DisabledAt == null)
            .Select(p => new { p.Id, p.PartnerServiceId })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return Results.NotFound();
        }

        var now = clock.GetUtcNow();
        var owner = new FeedOwner(person.Id, person.PartnerServiceId);
        var events = new List<CalendarEvent>();
        foreach (var source in sources)
        {
            events.AddRange(await source.EventsAsync(db, owner, now, cancellationToken));
        }

        return Results.File(MeetingCalendar.Feed(events), "text/calendar; charset=utf-8");
    }
}
