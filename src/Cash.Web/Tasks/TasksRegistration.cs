using Cash.Web.Security.Encryption;

namespace Cash.Web.Tasks;

/// <summary>The tasks' parts: encrypted columns, their reader, the reminders. Who may see and change a task is decided in <c>Authorization/</c>.</summary>
public static class TasksRegistration
{
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in TaskColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddSingleton<TaskContent>();
        builder.Services.AddSingleton<TaskReminderJob>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<TaskReminderJob>());
        return builder;
    }
}
