namespace Cash.Web.Tools;

/// <summary>The tools library's parts. Who may read and change a tool is decided in <c>Authorization/ToolAccess.cs</c>.</summary>
public static class ToolsRegistration
{
    public static WebApplicationBuilder AddTools(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ToolBookings>();

        // Where a tool was used: one source per kind of record naming it (prevention actions add theirs here).
        builder.Services.AddScoped<IToolUsageSource, InterventionToolUsage>();
        return builder;
    }
}
