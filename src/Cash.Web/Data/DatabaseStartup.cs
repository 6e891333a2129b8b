namespace Cash.Web.Data;

internal static class DatabaseStartup
{
    /// <summary>Migrates and seeds at start-up unless <c>Database:MigrateOnStartup</c> / <c>Database:SeedOnStartup</c> say no.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await initializer.MigrateAsync();
        }

        if (app.Configuration.GetValue("Database:SeedOnStartup", true))
        {
            await initializer.SeedAsync();
        }
    }
}
