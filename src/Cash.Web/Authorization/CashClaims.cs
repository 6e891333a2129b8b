using System.Globalization;
using System.Security.Claims;
using Cash.Web.Domain.People;

namespace Cash.Web.Authorization;

/// <summary>What the session cookie says about the signed-in professional, and how to read it back.</summary>
public static class CashClaims
{
    /// <summary>The partner service the person works for (its database id); absent for administrators without one.</summary>
    public const string Service = "cash:service";

    /// <summary>The server-side session (<see cref="UserSession"/>) this cookie belongs to.</summary>
    public const string Session = "cash:session";

    public static Guid? ProfessionalId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(Session), out var id) ? id : null;

    public static int? ServiceId(this ClaimsPrincipal user) =>
        int.TryParse(user?.FindFirstValue(Service), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static ProRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<ProRole>(user?.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static bool IsInRole(this ClaimsPrincipal user, ProRole role) => user.Role() == role;
}
