using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Authorization;

namespace Cash.Web.Authorization;

/// <summary>
/// The named policies pages opt in to. Everything under <c>/pro</c> already needs a signed-in
/// professional (the fallback policy); these narrow it by role. Whether a person may act on one
/// particular record is decided by its access rule (<see cref="AccessRule{TRecord}"/>, through
/// <see cref="RecordAuthorizationHandler{TRecord}"/>), never by a policy alone.
/// </summary>
public static class ProPolicies
{
    public const string Administrator = nameof(Administrator);

    /// <summary>Administrators, and service leads for their own service.</summary>
    public const string PeopleManager = nameof(PeopleManager);

    /// <summary>Administrators, and service leads for their own service's public profile.</summary>
    public const string DirectoryEditor = nameof(DirectoryEditor);

    public static AuthorizationBuilder AddCashPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Administrator, p => p.RequireAuthenticatedUser().RequireRole(nameof(ProRole.Administrator)))
            .AddPolicy(PeopleManager, p => p.RequireAuthenticatedUser().RequireRole(nameof(ProRole.Administrator), nameof(ProRole.Lead)))
            .AddPolicy(DirectoryEditor, p => p.RequireAuthenticatedUser().RequireRole(nameof(ProRole.Administrator), nameof(ProRole.Lead)));
    }
}
