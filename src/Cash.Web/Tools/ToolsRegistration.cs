using Cash.Web.Security.Encryption;

namespace Cash.Web.Tools;

/// <summary>The tools library's parts. Who may read and change a tool is decided in <c>Authorization/ToolAccess.cs</c>.</summary>
public static class ToolsRegistration
{
    public static WebApplicationBuilder AddTools(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in ToolColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddScoped<ToolBookings>();
        builder.Services.AddScoped<ToolNames>();

        // Where a tool was used: one source per kind of record naming it (prevention actions add theirs here).
        builder.Services.AddScoped<IToolUsageSource, InterventionToolUsage>();
        return builder;
    }
}
