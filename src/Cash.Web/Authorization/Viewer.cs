using System.Security.Claims;
using Cash.Web.Domain.People;

namespace Cash.Web.Authorization;

/// <summary>Who is asking, as the access rules read it: the signed-in professional, their service and role.</summary>
public sealed record Viewer(Guid? ProfessionalId, int? ServiceId, ProRole? Role)
{
    /// <summary>Nobody: a visitor who is not signed in. Every rule denies them everything.</summary>
    public static readonly Viewer Nobody = new(null, null, null);

    public static Viewer Of(ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true ? new(user.ProfessionalId(), user.ServiceId(), user.Role()) : Nobody;

    public bool Is(ProRole role) => Role == role;
}
