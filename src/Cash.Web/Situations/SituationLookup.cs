using System.Security.Claims;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Situations;

/// <summary>How every page of a situation finds it: through the one access rule, or not at all.</summary>
public static class SituationLookup
{
    /// <summary>
    /// The situation with its services, if <paramref name="user"/> may do <paramref name="operation"/> on it;
    /// otherwise null: it does not exist for them, and the page answers 404.
    /// </summary>
    public static async Task<Situation?> FindSituationAsync(
        this CashDbContext db, IAuthorizationService authorization, ClaimsPrincipal user, Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(authorization);
        var situation = await db.Situations.Include(s => s.Services).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return situation is not null && (await authorization.AuthorizeAsync(user, situation, operation)).Succeeded ? situation : null;
    }
}
