using Cash.Web.Security.Encryption;

namespace Cash.Web.Interventions;

/// <summary>The interventions' parts. Who may see and change an intervention is decided in <c>Authorization/InterventionAccess.cs</c>.</summary>
public static class InterventionsRegistration
{
    public static WebApplicationBuilder AddInterventions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in InterventionColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddSingleton<InterventionContent>();
        builder.Services.AddScoped<InterventionCalendar>();
        builder.Services.AddScoped<Meetings.ICalendarFeedSource, InterventionFeedSource>();
        return builder;
    }
}
