namespace Cash.Web.People;

/// <summary>The professionals' accounts' shared parts: sending invitations (pages and the command line), and marking the browser that accepts one.</summary>
public static class PeopleRegistration
{
    public static WebApplicationBuilder AddPeople(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<InvitationSender>();
        builder.Services.AddSingleton<InvitationBrowser>();
        return builder;
    }
}
