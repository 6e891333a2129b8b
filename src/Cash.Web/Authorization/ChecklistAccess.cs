using System.Linq.Expressions;
using Cash.Web.Domain.Procedures;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// A checklist follows its situation's content: seen and recorded by the members of the services
/// involved in the situation now (<see cref="SituationOperations.View"/>, <see cref="SituationOperations.Contribute"/>).
/// A coordinator whose service is not involved does not see it (a checklist is content, not metadata),
/// nor does an administrator by role alone: the pages answer 404.
/// </summary>
public sealed class ChecklistAccess : AccessRule<Checklist>
{
    public static readonly ChecklistAccess Rule = new();

    public override Expression<Func<Checklist, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        if (serviceId is null)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(SituationOperations.View) or nameof(SituationOperations.Contribute) =>
                c => c.Situation!.Services.Any(i => i.PartnerServiceId == serviceId && i.EndedAt == null),
            _ => Nothing,
        };
    }
}
