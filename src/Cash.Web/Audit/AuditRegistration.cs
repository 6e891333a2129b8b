using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Audit;

internal static class AuditRegistration
{
    /// <summary>
    /// Registers the audit trail, its verifier and its query. The master key (<see cref="Security.MasterKey"/>)
    /// and the <see cref="TimeProvider"/> come from their own registrations; the
    /// <see cref="AuditedRecordInterceptor"/> still has to be added to the context's interceptors.
    /// </summary>
    public static WebApplicationBuilder AddCashAudit(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCashAudit();
        return builder;
    }

    /// <summary>Safe to call twice: the second call adds nothing.</summary>
    public static IServiceCollection AddCashAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<AuditSeal>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<AuditedRecordInterceptor>();
        services.TryAddScoped<AuditVerifier>();
        services.TryAddScoped<AuditQuery>();
        return services;
    }
}
