using System.Security.Claims;
using Cash.Web.Data;
using Cash.Web.Domain.Meetings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Meetings;

/// <summary>How every page of a meeting finds it: through the one access rule, or not at all.</summary>
public static class MeetingLookup
{
    /// <summary>The meeting with its services, agenda and decisions, tracked, if <paramref name="user"/> may do <paramref name="operation"/> on it; otherwise null (404).</summary>
    public static async Task<Meeting?> FindMeetingAsync(
        this CashDbContext db, IAuthorizationService authorization, ClaimsPrincipal user, Guid id, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(authorization);
        var meeting = await db.Meetings
            .Include(m => m.Services).Include(m => m.AgendaItems).Include(m => m.Decisions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return meeting is not null && (await authorization.AuthorizeAsync(user, meeting, operation)).Succeeded ? meeting : null;
    }
}
