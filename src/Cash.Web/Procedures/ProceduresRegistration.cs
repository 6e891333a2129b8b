using Cash.Web.Security.Encryption;

namespace Cash.Web.Procedures;

/// <summary>The procedures' parts. Who may see and record a checklist is decided in <c>Authorization/ChecklistAccess</c>.</summary>
public static class ProceduresRegistration
{
    public static WebApplicationBuilder AddProcedures(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var column in ProcedureColumns.All)
        {
            builder.Services.AddEncryptedColumn(column);
        }

        builder.Services.AddScoped<ChecklistTexts>();
        builder.Services.AddScoped<LateSteps>();
        return builder;
    }
}
