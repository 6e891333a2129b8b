using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// A service's public profile may be edited by an administrator, or by a lead of that very service.
/// </summary>
public sealed class PartnerServiceAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, PartnerService>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, PartnerService resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var allowed = requirement.Name is nameof(CashOperations.View) or nameof(CashOperations.Edit)
            && (user.IsInRole(ProRole.Administrator) || (user.IsInRole(ProRole.Lead) && user.ServiceId() == resource.Id));
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
