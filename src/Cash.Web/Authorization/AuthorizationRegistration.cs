using Cash.Web.Data;
using Microsoft.AspNetCore.Authorization;

namespace Cash.Web.Authorization;

/// <summary>Deny by default, the role policies, and every record type's access rule with its handler: all in one place.</summary>
internal static class AuthorizationRegistration
{
    public static IServiceCollection AddCashAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddCashPolicies();
        services.AddAccessRule(HelpRequestAccess.Rule);
        services.AddAccessRule(PartnerServiceAccess.Rule);
        services.AddAccessRule(ProfessionalAccess.Rule);
        services.AddAccessRule(SituationAccess.Rule);
        services.AddAccessRule(InvolvedPersonAccess.Rule);
        services.AddAccessRule(JournalEntryAccess.Rule);
        services.AddAccessRule(SituationDocumentAccess.Rule);
        services.AddAccessRule(ReferralAccess.Rule);
        services.AddAccessRule(TaskAccess.Rule);
        services.AddAccessRule(MeetingAccess.Rule);
        services.AddAccessRule(InterventionAccess.Rule);
        services.AddAccessRule(ChecklistAccess.Rule);
        services.AddAccessRule(PreventionActionAccess.Rule);
        services.AddAccessRule(ToolAccess.Rule);
        services.AddAccessRule(ToolFileAccess.Rule);
        services.AddAccessRule(ToolBookingAccess.Rule);
        return services;
    }

    /// <summary>The rule, and its handler: scoped, as it asks the request's own database context.</summary>
    private static void AddAccessRule<TRecord>(this IServiceCollection services, AccessRule<TRecord> rule)
        where TRecord : class
    {
        services.AddSingleton(rule);
        services.AddScoped<IAuthorizationHandler>(provider => new RecordAuthorizationHandler<TRecord>(rule, provider.GetRequiredService<CashDbContext>()));
    }
}
