namespace Cash.Web.People;

/// <summary>
/// The professionals' accounts' shared parts: sending invitations (pages and the command line),
/// the browser that accepts one, and account recovery (the "forgot password" queue, recovery invitations, their links).
/// </summary>
public static class PeopleRegistration
{
    public static WebApplicationBuilder AddPeople(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<InvitationSender>();
        builder.Services.AddSingleton<InvitationTokens>();
        builder.Services.AddSingleton<InvitationBrowser>();
        builder.Services.AddSingleton<RecoveryLinks>();
        builder.Services.AddScoped<SecondFactorResets>();
        builder.Services.AddSingleton<PasswordResetRequests>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<PasswordResetRequests>());
        return builder;
    }
}
