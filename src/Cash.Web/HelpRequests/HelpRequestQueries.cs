using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Domain.Help;

namespace Cash.Web.HelpRequests;

/// <summary>The inbox's queries: what a professional may open, and the coordinators' alert.</summary>
public static class HelpRequestQueries
{
    /// <summary>The requests the signed-in professional may open (<see cref="HelpRequestAccess"/>): the handler's very rule.</summary>
    public static IQueryable<HelpRequest> VisibleTo(this IQueryable<HelpRequest> requests, ClaimsPrincipal user) =>
        requests.Allowing(HelpRequestAccess.Rule, user, HelpRequestOperations.View);

    /// <summary>Requests addressed to a service and never acknowledged in time: the coordinators' alert, metadata only.</summary>
    public static IQueryable<HelpRequest> Escalated(this IQueryable<HelpRequest> requests) =>
        requests.Where(r => r.PartnerServiceId != null && r.EscalatedAt != null && r.Status == HelpRequestStatus.New);
}
