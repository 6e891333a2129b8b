using System.Linq.Expressions;
using Cash.Web.Domain.People;
using Cash.Web.Domain.Tools;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions on the tools library, decided by <see cref="ToolAccess"/>, <see cref="ToolFileAccess"/> and <see cref="ToolBookingAccess"/>.</summary>
public static class ToolOperations
{
    /// <summary>Reading a tool, its files and its bookings.</summary>
    public static readonly OperationAuthorizationRequirement View = CashOperations.View;

    /// <summary>Editing a tool's description, adding and removing its files.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>Booking a physical kit for one's own service.</summary>
    public static readonly OperationAuthorizationRequirement Book = new() { Name = nameof(Book) };

    /// <summary>Cancelling a booking.</summary>
    public static readonly OperationAuthorizationRequirement Cancel = new() { Name = nameof(Cancel) };
}

/// <summary>
/// Who reads and changes a tool of the library. Every professional reads the library (nothing in it
/// is about a person); the members of the owning service and the coordinators edit a tool; a member
/// of any service books a physical kit for their service.
/// </summary>
public sealed class ToolAccess : AccessRule<Tool>
{
    public static readonly ToolAccess Rule = new();

    public override Expression<Func<Tool, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
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
            nameof(ToolOperations.View) => _ => true,
            nameof(ToolOperations.Edit) when coordinator => _ => true,
            nameof(ToolOperations.Edit) when serviceId is not null => t => t.OwnerServiceId == serviceId,
            nameof(ToolOperations.Book) when serviceId is not null => t => t.IsKit,
            _ => Nothing,
        };
    }
}

/// <summary>A tool's files: read by every professional, added and removed by those who edit the tool.</summary>
public sealed class ToolFileAccess : AccessRule<ToolFile>
{
    public static readonly ToolFileAccess Rule = new();

    public override Expression<Func<ToolFile, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
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
            nameof(ToolOperations.View) => _ => true,
            nameof(ToolOperations.Edit) when coordinator => _ => true,
            nameof(ToolOperations.Edit) when serviceId is not null => f => f.Tool!.OwnerServiceId == serviceId,
            _ => Nothing,
        };
    }
}

/// <summary>A kit's bookings: seen by every professional; cancelled by the booking service, the owning service or a coordinator.</summary>
public sealed class ToolBookingAccess : AccessRule<ToolBooking>
{
    public static readonly ToolBookingAccess Rule = new();

    public override Expression<Func<ToolBooking, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation)
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
            nameof(ToolOperations.View) => _ => true,
            nameof(ToolOperations.Cancel) when coordinator => b => b.CancelledAt == null,
            nameof(ToolOperations.Cancel) when serviceId is not null => b => b.CancelledAt == null && (b.ServiceId == serviceId || b.Tool!.OwnerServiceId == serviceId),
            _ => Nothing,
        };
    }
}
