using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.PartnerServices;
using Cash.Web.People;

namespace Cash.Web.Pages.Pro.People;

/// <summary>What <c>_RoleFields.cshtml</c> shows: the roles to choose from, and the service (chosen, or fixed for a lead).</summary>
public sealed record RoleFields(
    IReadOnlyList<ProRole> Roles,
    IReadOnlyList<ServiceName> Services,
    bool ChoosesService,
    string? FixedServiceName,
    string? Role,
    string? ServiceId);
