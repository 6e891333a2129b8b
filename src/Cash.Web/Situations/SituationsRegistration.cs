using Cash.Web.Security.Encryption;

namespace Cash.Web.Situations;

/// <summary>
/// The situations' parts: options, encrypted columns, the opening of sealed texts, the referrals' notices, the retention job. Who may open a situation and what it holds
/// is decided in <c>Authorization/SituationAccess.cs</c>.
/// </summary>
public static class SituationsRegistration
{
    public static WebApplicationBuilder AddSituations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<SituationOptions>(builder.Configuration.GetSection(SituationOptions.Section));
        builder.Services.AddSingleton<SituationContent>();
        foreach (var column in SituationColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddSingleton<ReferralNotifier>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ReferralNotifier>());

        builder.Services.AddScoped<SituationHistory>();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionJob>());
        return builder;
    }
}
