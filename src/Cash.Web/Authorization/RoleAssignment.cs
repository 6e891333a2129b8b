using System.Security.Claims;
using Cash.Web.Domain.People;

namespace Cash.Web.Authorization;

/// <summary>
/// Who may give which role, by invitation or by a change of role: administrators, any role in any
/// service; leads, member or lead of their own service.
/// </summary>
public static class RoleAssignment
{
    public static bool IsAllowed(ClaimsPrincipal inviter, ProRole role, int? partnerServiceId)
    {
        ArgumentNullException.ThrowIfNull(inviter);
        return inviter.Role() switch
        {
            ProRole.Administrator => true,
            ProRole.Lead => role is ProRole.Member or ProRole.Lead && partnerServiceId == inviter.ServiceId(),
            _ => false,
        };
    }

    /// <summary>The roles the person may hand out, for the form's choices.</summary>
    public static IReadOnlyList<ProRole> AssignableRoles(ClaimsPrincipal inviter) =>
        inviter.IsInRole(ProRole.Administrator) ? Enum.GetValues<ProRole>() : inviter.IsInRole(ProRole.Lead) ? [ProRole.Member, ProRole.Lead] : [];
}
