using System.Linq.Expressions;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on one help request, decided by <see cref="HelpRequestAccess"/>.</summary>
public static class HelpRequestOperations
{
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;
    public static readonly OperationAuthorizationRequirement Answer = new() { Name = nameof(Answer) };
    public static readonly OperationAuthorizationRequirement Forward = new() { Name = nameof(Forward) };
    public static readonly OperationAuthorizationRequirement Close = new() { Name = nameof(Close) };

    /// <summary>Giving an "orient me" request from CASH's triage to a service.</summary>
    public static readonly OperationAuthorizationRequirement Assign = new() { Name = nameof(Assign) };
}

/// <summary>
/// Need to know (PRODUCT.md): a request is for the members of the service it is addressed to, and a
/// request waiting in CASH's triage is for the coordinators. No role alone opens anyone else's
/// request, an administrator's included; the pages answer 404 to everyone else.
/// </summary>
public sealed class HelpRequestAccess : AccessRule<HelpRequest>
{
    public static readonly HelpRequestAccess Rule = new();

    public override Expression<Func<HelpRequest, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        var coordinator = viewer.Is(ProRole.Coordinator);
        return operation.Name switch
        {
            nameof(HelpRequestOperations.View) or nameof(HelpRequestOperations.Answer)
                or nameof(HelpRequestOperations.Forward) or nameof(HelpRequestOperations.Close) =>
                r => (serviceId != null && r.PartnerServiceId == serviceId) || (coordinator && r.PartnerServiceId == null),
            nameof(HelpRequestOperations.Assign) => r => coordinator && r.PartnerServiceId == null,
            _ => Nothing,
        };
    }
}
