using Cash.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cash.Web.Pages.Pro.Inbox;

/// <summary>The service inbox's parts: who may open a request, and the hourly escalation job.</summary>
public static class InboxRegistration
{
    public static WebApplicationBuilder AddInbox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddInbox();
        return builder;
    }

    /// <summary>Idempotent (Try*), so a test host may call it on top of the app's own registration.</summary>
    public static IServiceCollection AddInbox(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, HelpRequestAuthorizationHandler>());
        services.TryAddSingleton<EscalationJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EscalationJob>(provider => provider.GetRequiredService<EscalationJob>()));
        return services;
    }
}
