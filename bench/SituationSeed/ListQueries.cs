using System.Globalization;
using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Situations;
using Cash.Web.Situations;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// The shapes of the situations list's query, written as a page writes them (the access rule's
/// own expression, then the list's own filters and keyset order on (LastActivityAt, Id) descending), so their
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
        var none = new SituationFilter(null, null, null, MyServiceOnly: false, NeedingAction: false);
        // The list's own filters (SituationList.Filtered), one shape per query a page runs.
        IQueryable<Situation>[] Of(SituationFilter filter) => [.. visible.Filtered(filter, serviceId)];
        var needingAction = Of(none with { NeedingAction = true });
        return
        [
            new("first page", "/pro/situations", Page(Of(none)[0]), "IX_Situations_LastActivityAt_Id"),
            new("school", "?ecole=", Page(Of(none with { SchoolId = schoolId })[0]), "IX_Situations_SchoolId_LastActivityAt_Id"),
            new("status open", "?statut=Open", Page(Of(none with { Status = SituationStatus.Open })[0]), "IX_Situations_Status_LastActivityAt_Id"),
            new("severity danger", "?gravite=Danger", Page(Of(none with { Severity = Severity.Danger })[0]), "IX_Situations_Severity_LastActivityAt_Id"),
            new("my service only", "?service=mien", Page(Of(none with { MyServiceOnly = true })[0]), "IX_Situations_LastActivityAt_Id"),
            new("needing action, 1 of 2: still open", "?action=1", Page(needingAction[0]), "IX_Situations_Status_LastActivityAt_Id"),
            new("needing action, 2 of 2: danger, in progress", "?action=1", Page(needingAction[1]), "IX_Situations_Status_Severity_LastActivityAt_Id"),
            new("next page", "?apres=", Page(Of(none)[0], new ListCursor(after.At, after.Id)), "IX_Situations_LastActivityAt_Id"),
        ];
    }

    private static IQueryable<Row> Page(IQueryable<Situation> situations, ListCursor? cursor = null) => situations
        .After(cursor)
        .Take(PageSize + 1)
        .Select(s => new Row(s.Id, s.Reference, s.Status, s.Severity, s.SchoolId, s.LastActivityAt, s.EntryCount));
}
