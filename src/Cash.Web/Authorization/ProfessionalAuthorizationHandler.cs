using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// Who may see and manage a professional's account: administrators, anyone's; a service lead,
/// the members and leads of their own service. Nobody disables or demotes themselves here
/// (that is how a platform loses its last administrator).
/// </summary>
public sealed class ProfessionalAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Professional>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Professional resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var isSelf = user.ProfessionalId() == resource.Id;
        var manages = user.IsInRole(ProRole.Administrator)
            || (user.IsInRole(ProRole.Lead) && resource.PartnerServiceId == user.ServiceId() && resource.Role is ProRole.Member or ProRole.Lead);

        var allowed = requirement.Name switch
        {
            nameof(CashOperations.View) => manages || isSelf,
            nameof(CashOperations.ChangeRole) or nameof(CashOperations.Disable) => manages && !isSelf,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
