using Cash.Web.Data;
using Cash.Web.Security;

namespace Cash.Web.Cli;

/// <summary>
/// The same executable is the command-line tool. With no command (or only options such as
/// <c>--urls</c>) it serves the web application.
/// </summary>
internal static class CommandLine
{
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // Before any service is resolved: a backup or a restore needs no master key and must create nothing.
        switch (args)
        {
            case ["db", "backup", var path]:
                return await DatabaseBackup.BackupAsync(app.Configuration, app.Environment.ContentRootPath, path);
            case ["db", "restore", var path]:
                return await DatabaseBackup.RestoreAsync(app.Configuration, app.Environment.ContentRootPath, path);
        }

        using var scope = app.Services.CreateScope();
        try
        {
            return await RunInScopeAsync(app, scope.ServiceProvider, args);
        }
        catch (MasterKeyException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }
    }

    private static async Task<int> RunInScopeAsync(WebApplication app, IServiceProvider services, string[] args)
    {
        var initializer = services.GetRequiredService<DatabaseInitializer>();
        var cancellationToken = app.Lifetime.ApplicationStopping;

        // Commands that seal (the seed's audit entries too) or check sealed data run only with the database's own master key.
        async Task MigrateAndCheckTheMasterKeyAsync()
        {
            await initializer.MigrateAsync(cancellationToken);
            await MasterKeyCheck.EnsureItOpensTheDatabaseAsync(services, cancellationToken);
        }

        switch (args)
        {
            case ["db", "migrate", ..]:
                await initializer.MigrateAsync(cancellationToken);
                await Console.Out.WriteLineAsync("Database migrated.");
                return 0;
            case ["db", "seed", ..]:
                await MigrateAndCheckTheMasterKeyAsync();
                await initializer.SeedAsync(cancellationToken);
                await Console.Out.WriteLineAsync("Directory seeded.");
                return 0;
            case ["users", "invite", .. var options]:
                await MigrateAndCheckTheMasterKeyAsync();
                await initializer.SeedAsync(cancellationToken);
                return await UserCommands.InviteAsync(services, options, cancellationToken);
            case ["audit", "verify", ..]:
                await MigrateAndCheckTheMasterKeyAsync();
                return await AuditCommands.VerifyAsync(services, cancellationToken);
            case ["keys", "rotate", ..]:
                await MigrateAndCheckTheMasterKeyAsync();
                return await KeyCommands.RotateAsync(services, cancellationToken);
            case ["seed", "demo", ..]:
                if (!app.Environment.IsDevelopment())
                {
                    await Console.Error.WriteLineAsync("seed demo creates accounts with known passwords: it runs only in the Development environment (ASPNETCORE_ENVIRONMENT=Development).");
                    return 1;
                }

                await MigrateAndCheckTheMasterKeyAsync();
                await initializer.SeedAsync(cancellationToken);
                return await DemoSeed.RunAsync(services, cancellationToken);
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>The value after <paramref name="name"/> (<c>--email x</c> or <c>--email=x</c>), if any.</summary>
    internal static string? Option(IReadOnlyList<string> options, string name)
    {
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] == name && i + 1 < options.Count)
            {
                return options[i + 1];
            }

            if (options[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return options[i][(name.Length + 1)..];
            }
        }

        return null;
    }

    private const string Usage = """
        Usage: Cash.Web [command]
          (no command)     serve the web application (--urls or ASPNETCORE_URLS choose the address)
          db migrate       apply the database migrations
          db seed          apply the migrations, then add the leaflet's directory where it is missing
          db backup PATH   SQLite: write a consistent copy of the running database to PATH (a new file);
                           PostgreSQL: print the pg_dump command to use
          db restore PATH  SQLite: put a backup back into the configured, still empty, database location;
                           PostgreSQL: print the pg_restore command to use
          users invite --email ADDRESS --role Member|Lead|Coordinator|Administrator [--service SLUG]
                           invite a person (the first administrator on a fresh install) and print the link
          audit verify     check the audit trail's hash chain; exit code 1 when it was tampered with
          keys rotate      start a new field-encryption key and re-encrypt every protected value with it
          seed demo        Development only: one account per role with a known password and TOTP secret
        """;
}
