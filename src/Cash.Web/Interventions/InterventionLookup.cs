using System.Security.Claims;
using Cash.Web.Data;
using Cash.Web.Domain.Interventions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Interventions;

/// <summary>How every page of an intervention finds it: through the one access rule, or not at all.</summary>
public static class InterventionLookup
{
    /// <summary>
    /// The intervention with its services and people, tracked, if <paramref name="user"/> may do
    /// <paramref name="operation"/> on it; otherwise null: it does not exist for them, and the page answers 404.
    /// </summary>
    public static async Task<Intervention?> FindInterventionAsync(
        this CashDbContext db, IAuthorizationService authorization, ClaimsPrincipal user, Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(authorization);
        var intervention = await db.Interventions.Include(i => i.Services).Include(i => i.People).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return intervention is not null && (await authorization.AuthorizeAsync(user, intervention, operation)).Succeeded ? intervention : null;
    }
}
