using Cash.Web.Security.Encryption;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The help requests' parts: receipts, follow-up tickets, limits, encrypted columns, arrival notices, and the expiry
/// and escalation jobs. Who may open a request is decided in <c>Authorization/</c>.
/// </summary>
public static class HelpRegistration
{
    public static WebApplicationBuilder AddHelpRequests(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HelpOptions>(builder.Configuration.GetSection(HelpOptions.Section));
        builder.Services.Configure<HelpLimitOptions>(builder.Configuration.GetSection(Security.RateLimits.Section));
        builder.Services.AddSingleton<ReceiptCodes>();
        builder.Services.AddSingleton<HelpTexts>();
        builder.Services.AddSingleton<HelpRequestWriter>();
        builder.Services.AddSingleton<HelpRequestSubmitter>();
        builder.Services.AddSingleton<SubmissionLimiter>();
        builder.Services.AddSingleton<FollowUpGuard>();
        builder.Services.AddSingleton<FollowUpTickets>();
        builder.Services.AddSingleton<ReplyLimiter>();
        foreach (var column in HelpColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddSingleton<IBindingUpgradeStep, ReceiptBindingUpgrade>();

        builder.Services.AddSingleton<ArrivalNotifier>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ArrivalNotifier>());
        builder.Services.AddSingleton<ExpiryJob>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ExpiryJob>());
        builder.Services.AddSingleton<EscalationJob>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<EscalationJob>());
        return builder;
    }
}
