using System.Linq.Expressions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tasks;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on a task, decided by <see cref="TaskAccess"/>.</summary>
public static class TaskOperations
{
    /// <summary>That it exists: its status, due day, service, assignee, and "a task on S-…" when it belongs to a situation.</summary>
    public static readonly OperationAuthorizationRequirement ViewMetadata = new() { Name = nameof(ViewMetadata) };

    /// <summary>Its title (and a cancellation's reason). Every read is audited.</summary>
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;

    /// <summary>Marking it done, cancelling it, planning it again.</summary>
    public static readonly OperationAuthorizationRequirement Change = new() { Name = nameof(Change) };
}

/// <summary>
/// A task is for the members of the service it is given to and of the service that created it; a
/// coordinator also sees the tasks they created themselves. A task on a situation shows its title,
/// and may be changed, only while the viewer's service is involved in that situation (the situation's
/// own View rule): others see that it exists and the situation's reference, nothing more. An
/// administrator sees nothing by role alone.
/// </summary>
public sealed class TaskAccess : AccessRule<WorkTask>
{
    public static readonly TaskAccess Rule = new();

    public override Expression<Func<WorkTask, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        var coordinator = viewer.Is(ProRole.Coordinator) && viewer.ProfessionalId is not null;
        var professionalId = viewer.ProfessionalId;
        if (viewer.ProfessionalId is null || viewer.Is(ProRole.Administrator) || (serviceId is null && !coordinator))
        {
            return Nothing;
        }

        // Without a service, a comparison with the task's service would read "no service" and match every
        // task another serviceless coordinator created: such a viewer is matched by their own id alone.
        var hasService = serviceId is not null;
        return operation.Name switch
        {
            nameof(TaskOperations.ViewMetadata) =>
                t => (hasService && (t.ServiceId == serviceId || t.CreatedByServiceId == serviceId)) || (coordinator && t.CreatedBy == professionalId),
            nameof(TaskOperations.View) or nameof(TaskOperations.Change) =>
                t => ((hasService && (t.ServiceId == serviceId || t.CreatedByServiceId == serviceId)) || (coordinator && t.CreatedBy == professionalId))
                    && (t.SituationId == null || t.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null)),
            _ => Nothing,
        };
    }
}
