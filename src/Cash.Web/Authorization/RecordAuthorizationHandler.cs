using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Authorization;

/// <summary>
/// Decides whether the signed-in professional may act on one record by asking the database whether
/// that record is among those its <see cref="AccessRule{TRecord}"/> allows: the very query the lists
/// use, narrowed to the record's key. The stored record is judged, not a copy changed in memory.
/// </summary>
public sealed class RecordAuthorizationHandler<TRecord>(AccessRule<TRecord> rule, DbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, TRecord>
    where TRecord : class
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, TRecord resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var allowed = await db.Set<TRecord>().AsNoTracking()
            .Where(SameKeyAs(resource))
            .Where(rule.Allows(Viewer.Of(context.User), requirement))
            .AnyAsync();
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    /// <summary><c>r =&gt; r.Key == resource.Key</c>, for the entity's single-column primary key.</summary>
    private Expression<Func<TRecord, bool>> SameKeyAs(TRecord resource)
    {
        var key = db.Model.FindEntityType(typeof(TRecord))?.FindPrimaryKey()?.Properties is [var single] && single.PropertyInfo is { } property
            ? property
            : throw new InvalidOperationException($"{typeof(TRecord).Name} needs a single-column primary key mapped to a property to be authorized by record.");
        // The value sits in a box, as a captured variable would, so the database sees a parameter and reuses one query plan.
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(property.PropertyType), property.GetValue(resource));
        var parameter = Expression.Parameter(typeof(TRecord), "r");
        var body = Expression.Equal(
            Expression.Property(parameter, property),
            Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value)));
        return Expression.Lambda<Func<TRecord, bool>>(body, parameter);
    }
}
