using System.Linq.Expressions;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// A service's public profile may be seen and edited in the professionals' space by an administrator,
/// or by a lead of that very service.
/// </summary>
public sealed class PartnerServiceAccess : AccessRule<PartnerService>
{
    public static readonly PartnerServiceAccess Rule = new();

    public override Expression<Func<PartnerService, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var administrator = viewer.Is(ProRole.Administrator);
        var leadOf = viewer.Is(ProRole.Lead) ? viewer.ServiceId : null;
        return operation.Name is nameof(CashOperations.View) or nameof(CashOperations.Edit)
            ? s => administrator || (leadOf != null && s.Id == leadOf)
            : Nothing;
    }
}
