namespace Cash.Web.Prevention;

/// <summary>
/// The prevention actions' parts: the coverage of the schools per school year and its CSV. The
/// actions name nobody, so no column is encrypted. Who reads and changes an action is decided in
/// <c>Authorization/PreventionActionAccess.cs</c>.
/// </summary>
public static class PreventionRegistration
{
    public static WebApplicationBuilder AddPrevention(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PreventionCoverage>();
        builder.Services.AddScoped<Tools.IToolUsageSource, PreventionToolUsage>();
        return builder;
    }
}
