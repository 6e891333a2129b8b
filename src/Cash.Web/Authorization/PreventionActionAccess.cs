using System.Linq.Expressions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Prevention;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// Who reads and changes a prevention action. It names no one (the form forbids it), so every
/// signed-in professional reads every action: the network's picture of what was done where. Only a
/// member of a service that ran it, or a coordinator, changes it. Recording a new one needs a
/// service (the pages check that: the recording member's service runs it).
/// </summary>
public sealed class PreventionActionAccess : AccessRule<PreventionAction>
{
    public static readonly PreventionActionAccess Rule = new();

    public override Expression<Func<PreventionAction, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        if (viewer.ProfessionalId is null)
        {
            return Nothing;
        }

        var serviceId = viewer.ServiceId;
        var coordinator = viewer.Is(ProRole.Coordinator);
        return operation.Name switch
        {
            nameof(CashOperations.View) => _ => true,
            nameof(CashOperations.Edit) when coordinator => _ => true,
            nameof(CashOperations.Edit) when serviceId is not null => a => a.Services.Any(s => s.PartnerServiceId == serviceId),
            _ => Nothing,
        };
    }
}
