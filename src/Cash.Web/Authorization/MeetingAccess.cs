using System.Linq.Expressions;
using Cash.Web.Domain.Meetings;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on a meeting.</summary>
public static class MeetingOperations
{
    /// <summary>Its time, place, agenda, attendance, minutes and decisions.</summary>
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;

    /// <summary>Adding an item to its agenda.</summary>
    public static readonly OperationAuthorizationRequirement Contribute = new() { Name = nameof(Contribute) };

    /// <summary>Running it: editing it, attendance, minutes, decisions and their tasks, the next meeting.</summary>
    public static readonly OperationAuthorizationRequirement Run = new() { Name = nameof(Run) };
}

/// <summary>
/// The members of an invited service see a meeting and add to its agenda; the coordinators see and
/// run every meeting. Nobody else finds it (404), an administrator included. What an agenda item's
/// situation shows is decided by <see cref="SituationAccess"/>, not here.
/// </summary>
public sealed class MeetingAccess : AccessRule<Meeting>
{
    public static readonly MeetingAccess Rule = new();

    public override Expression<Func<Meeting, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(operation);
        var serviceId = viewer.ServiceId;
        var coordinator = viewer.Is(ProRole.Coordinator);
        if (serviceId is null && !coordinator)
        {
            return Nothing;
        }

        return operation.Name switch
        {
            nameof(MeetingOperations.View) or nameof(MeetingOperations.Contribute) =>
                m => coordinator || m.Services.Any(s => s.PartnerServiceId == serviceId),
            nameof(MeetingOperations.Run) => m => coordinator,
            _ => Nothing,
        };
    }
}
