using System.Globalization;
using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// The shapes of the situations list's query, written as a page writes them (the access rule's
/// own expression, then a filter, then keyset order on (LastActivityAt, Id) descending), so their
/// plans can be read on a big database: each must walk an index in list order and stop after one
/// page, whatever the number of situations. The list page itself may differ in its projection;
/// these are the parts that decide the plan.
/// </summary>
public static class ListQueries
{
    public const int PageSize = 25;

    /// <summary>One shape: its name, the query for one page, and the index that serves it in list order, if one does.</summary>
    public sealed record Shape(string Name, string Route, IQueryable<Row> Query, string? Index = null);

    /// <summary>What a list row shows: metadata only.</summary>
    public sealed record Row(Guid Id, string Reference, SituationStatus Status, Severity Severity, int? SchoolId, DateTimeOffset LastActivityAt, int EntryCount);

    /// <summary>A signed-in member of <paramref name="serviceId"/>, as the cookie carries them.</summary>
    public static ClaimsPrincipal Member(int serviceId) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Role, nameof(ProRole.Member)),
            new Claim(CashClaims.Service, serviceId.ToString(CultureInfo.InvariantCulture)),
        ],
        "bench"));

    /// <param name="db">The database.</param>
    /// <param name="serviceId">The viewer's service.</param>
    /// <param name="schoolId">The school of the school filter.</param>
    /// <param name="after">A keyset cursor (the last row of a first page) for the next-page shapes.</param>
    public static IReadOnlyList<Shape> All(CashDbContext db, int serviceId, int schoolId, (DateTimeOffset At, Guid Id) after)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = db.Situations.Allowing(SituationAccess.Rule, Member(serviceId), SituationOperations.ViewMetadata);
        var pending = db.Referrals.Where(r => r.ToServiceId == serviceId && r.Status == ReferralStatus.Pending);
        var (at, id) = after;
        return
        [
            new("first page", "/pro/situations", Page(visible), "IX_Situations_LastActivityAt_Id"),
            new("school", "?ecole=", Page(visible.Where(s => s.SchoolId == schoolId)), "IX_Situations_SchoolId_LastActivityAt_Id"),
            new("status open", "?statut=Open", Page(visible.Where(s => s.Status == SituationStatus.Open)), "IX_Situations_Status_LastActivityAt_Id"),
            new("severity danger", "?gravite=Danger", Page(visible.Where(s => s.Severity == Severity.Danger)), "IX_Situations_Severity_LastActivityAt_Id"),
            new("needing action (EXISTS)", "?action=1", Page(visible.Where(s => pending.Any(r => r.SituationId == s.Id)))),
            new("needing action (IN)", "?action=1", Page(visible.Where(s => pending.Select(r => r.SituationId).Contains(s.Id)))),
            new("open or needing action", "?action=1", Page(visible.Where(s => s.Status == SituationStatus.Open || pending.Any(r => r.SituationId == s.Id)))),
            new("next page (a < x or a = x and b < y)", "?apres=", Page(visible.Where(s => s.LastActivityAt < at || (s.LastActivityAt == at && s.Id.CompareTo(id) < 0))), "IX_Situations_LastActivityAt_Id"),
            new("next page (a <= x and (a < x or b < y))", "?apres=", Page(visible.Where(s => s.LastActivityAt <= at && (s.LastActivityAt < at || s.Id.CompareTo(id) < 0))), "IX_Situations_LastActivityAt_Id"),
        ];
    }

    private static IQueryable<Row> Page(IQueryable<Situation> situations) => situations
        .OrderByDescending(s => s.LastActivityAt).ThenByDescending(s => s.Id)
        .Take(PageSize + 1)
        .Select(s => new Row(s.Id, s.Reference, s.Status, s.Severity, s.SchoolId, s.LastActivityAt, s.EntryCount));
}
