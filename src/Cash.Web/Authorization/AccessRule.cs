using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>
/// The one access rule of a record type: for a viewer and an operation, which records it allows, as
/// a query predicate. Lists filter with it (<see cref="AccessQueries.Allowing{TRecord}"/>) and the
/// resource handler (<see cref="RecordAuthorizationHandler{TRecord}"/>) asks the database the same
/// question about one record, so a list can never show a record whose page would answer 404, nor
/// hide one the page would open. Because the predicate runs in the database, it may follow a join
/// table (<c>record.Services.Any(s =&gt; s.PartnerServiceId == viewer.ServiceId)</c>) as easily as a column.
/// </summary>
public abstract class AccessRule<TRecord>
    where TRecord : class
{
    /// <summary>The records <paramref name="viewer"/> may act on with <paramref name="operation"/>; an unknown operation allows nothing.</summary>
    public abstract Expression<Func<TRecord, bool>> Allows(Viewer viewer, OperationAuthorizationRequirement operation);

    /// <summary>Allows nothing: the answer for an operation the rule does not know, and for nobody.</summary>
    protected static Expression<Func<TRecord, bool>> Nothing => _ => false;
}

public static class AccessQueries
{
    /// <summary>The records the signed-in <paramref name="user"/> may act on with <paramref name="operation"/>.</summary>
    public static IQueryable<TRecord> Allowing<TRecord>(this IQueryable<TRecord> records, AccessRule<TRecord> rule, ClaimsPrincipal user, OperationAuthorizationRequirement operation)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(user);
        return records.Where(rule.Allows(Viewer.Of(user), operation));
    }
}
