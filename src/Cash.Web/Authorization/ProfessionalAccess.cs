using System.Linq.Expressions;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// Who may see and manage a professional's account: administrators, anyone's; a service lead,
/// the members and leads of their own service; everyone, their own. Nobody disables or demotes
/// themselves here (that is how a platform loses its last administrator), nor resets their own
/// second factor (a person who still signs in renews their recovery codes on their account page).
/// </summary>
public sealed class ProfessionalAccess : AccessRule<Professional>
{
    public static readonly ProfessionalAccess Rule = new();

    public override Expression<Func<Professional, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var self = viewer.ProfessionalId;
        var administrator = viewer.Is(ProRole.Administrator);
        var leadOf = viewer.Is(ProRole.Lead) ? viewer.ServiceId : null;
        return operation.Name switch
        {
            nameof(CashOperations.View) => p =>
                administrator
                || (leadOf != null && p.PartnerServiceId == leadOf && (p.Role == ProRole.Member || p.Role == ProRole.Lead))
                || (self != null && p.Id == self),
            nameof(CashOperations.ChangeRole) or nameof(CashOperations.Disable) or nameof(CashOperations.ResetSecondFactor) => p =>
                (administrator || (leadOf != null && p.PartnerServiceId == leadOf && (p.Role == ProRole.Member || p.Role == ProRole.Lead)))
                && (self == null || p.Id != self),
            _ => Nothing,
        };
    }
}
