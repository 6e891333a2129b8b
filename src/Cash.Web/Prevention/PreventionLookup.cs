using System.Security.Claims;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Prevention;

/// <summary>How every page of a prevention action finds it: through the one access rule, or not at all.</summary>
public static class PreventionLookup
{
    /// <summary>The action with its schools and services, tracked, if <paramref name="user"/> may do <paramref name="operation"/> on it; otherwise null (404).</summary>
    public static async Task<PreventionAction?> FindPreventionActionAsync(
        this CashDbContext db, IAuthorizationService authorization, ClaimsPrincipal user, Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(authorization);
        var action = await db.PreventionActions.Include(a => a.Schools).Include(a => a.Services).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return action is not null && (await authorization.AuthorizeAsync(user, action, operation)).Succeeded ? action : null;
    }
}
