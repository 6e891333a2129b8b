using Cash.Web.Security.Encryption;

namespace Cash.Web.Tasks;

/// <summary>The tasks' parts. Who may see and change a task is decided in <c>Authorization/</c>.</summary>
public static class TasksRegistration
{
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in TaskColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        return builder;
    }
}
