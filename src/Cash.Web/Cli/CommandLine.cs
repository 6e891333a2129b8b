using Cash.Web.Data;

namespace Cash.Web.Cli;

/// <summary>
/// The same executable is the command-line tool: <c>db migrate</c>, <c>db seed</c>. With no
/// command (or only options such as <c>--urls</c>) it serves the web application.
/// </summary>
internal static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        switch (args)
        {
            case ["db", "migrate", ..]:
                await initializer.MigrateAsync();
                await Console.Out.WriteLineAsync("Database migrated.");
                return 0;
            case ["db", "seed", ..]:
                await initializer.MigrateAsync();
                await initializer.SeedAsync();
                await Console.Out.WriteLineAsync("Directory seeded.");
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private const string Usage = """
        Usage: Cash.Web [command]
          (no command)   serve the web application (--urls or ASPNETCORE_URLS choose the address)
          db migrate     apply the database migrations
          db seed        apply the migrations, then add the leaflet's directory where it is missing
        """;
}
