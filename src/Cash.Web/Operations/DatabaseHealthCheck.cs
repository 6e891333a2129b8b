using Cash.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cash.Web.Operations;

internal sealed class DatabaseHealthCheck(CashDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
