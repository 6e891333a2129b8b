using Cash.Web.Domain.Help;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on one help request, checked by <see cref="HelpRequestAuthorizationHandler"/>.</summary>
public static class HelpRequestOperations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
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
public sealed class HelpRequestAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, HelpRequest>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, HelpRequest resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        if (IsAllowed(context.User, requirement.Name, resource.PartnerServiceId))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private static bool IsAllowed(System.Security.Claims.ClaimsPrincipal user, string operation, int? requestServiceId)
    {
        var inTriage = requestServiceId is null;
        var ownService = user.ServiceId() is { } serviceId && serviceId == requestServiceId;
        var triages = inTriage && user.IsInRole(ProRole.Coordinator);
        return operation switch
        {
            nameof(HelpRequestOperations.View) or nameof(HelpRequestOperations.Answer)
                or nameof(HelpRequestOperations.Forward) or nameof(HelpRequestOperations.Close) => ownService || triages,
            nameof(HelpRequestOperations.Assign) => triages,
            _ => false,
        };
    }
}
