using Cash.Web.Security.Encryption;

namespace Cash.Web.Meetings;

/// <summary>
/// The meetings' parts: encrypted columns, their opening, the minutes' rendering, invitations, the
/// personal calendar feed and its sources. Who may see and run a meeting is decided in
/// <c>Authorization/MeetingAccess.cs</c>.
/// </summary>
public static class MeetingsRegistration
{
    public static WebApplicationBuilder AddMeetings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in MeetingColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddSingleton<MeetingContent>();
        builder.Services.AddSingleton<MinutesRenderer>();
        builder.Services.AddSingleton<MeetingInvitations>();
        builder.Services.AddSingleton<CalendarFeedTokens>();

        // What a personal calendar shows: one source per kind of dated thing.
        builder.Services.AddScoped<ICalendarFeedSource, MeetingFeedSource>();
        builder.Services.AddScoped<ICalendarFeedSource, TaskFeedSource>();
        return builder;
    }
}
