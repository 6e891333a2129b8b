using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The requests a professional may open, as a query: the same rule as
/// <see cref="HelpRequestAuthorizationHandler"/>, so lists never show a row whose page would be 404.
/// </summary>
public static class HelpRequestQueries
{
    public static IQueryable<HelpRequest> VisibleTo(this IQueryable<HelpRequest> requests, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var serviceId = user.ServiceId();
        var coordinator = user.IsInRole(ProRole.Coordinator);
        return (serviceId, coordinator) switch
        {
            (null, false) => requests.Where(_ => false),
            (null, true) => requests.Where(r => r.PartnerServiceId == null),
            (_, false) => requests.Where(r => r.PartnerServiceId == serviceId),
            _ => requests.Where(r => r.PartnerServiceId == serviceId || r.PartnerServiceId == null),
        };
    }

    /// <summary>Requests addressed to a service and never acknowledged in time: the coordinators' alert, metadata only.</summary>
    public static IQueryable<HelpRequest> Escalated(this IQueryable<HelpRequest> requests) =>
        requests.Where(r => r.PartnerServiceId != null && r.EscalatedAt != null && r.Status == HelpRequestStatus.New);
}
