using System.Diagnostics;
using System.Text;

namespace Cash.Tests.Infrastructure;

/// <summary>Runs the real <c>Cash.Web.dll</c> (copied beside the tests by the project reference) as a separate process.</summary>
public static class CashWebProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>Runs the command as an operator would on a server (Production).</summary>
    public static Task<Completed> RunAsync(TestDatabase database, params string[] arguments) =>
        RunInEnvironmentAsync(database, "Production", arguments);

    public static Task<Completed> RunInEnvironmentAsync(TestDatabase database, string environment, params string[] arguments) =>
        RunAsync(database, new ProcessOptions { Environment = environment }, arguments);

    public static async Task<Completed> RunAsync(TestDatabase database, ProcessOptions options, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        var workingFolder = Directory.CreateTempSubdirectory("cash-cli-");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = workingFolder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (options.KilledAtFirstFileWrite)
            {
                // The shell lowers the file size limit to nothing, then becomes dotnet: the kernel kills
                // the app (SIGXFSZ) at its first write to a regular file. The runtime's own
                // double-mapped code memory counts as such a file, so it is turned off.
                start.ArgumentList.Add("-c");
                start.ArgumentList.Add("ulimit -f 0; exec \"$0\" \"$@\"");
                start.ArgumentList.Add(start.FileName);
                start.FileName = "/bin/sh";
                start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
            }

            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = options.Environment;
            foreach (var (key, value) in database.Settings.Concat(options.Settings))
            {
                var name = key.Replace(":", "__", StringComparison.Ordinal);
                if (value is null)
                {
                    start.Environment.Remove(name);
                }
                else
                {
                    start.Environment[name] = value;
                }
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(options.Patience ?? Patience);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Completed(process.ExitCode, await output, await error);
        }
        finally
        {
            workingFolder.Delete(recursive: true);
        }
    }

    /// <summary>How a run differs from an operator's usual one.</summary>
    public sealed record ProcessOptions
    {
        public string Environment { get; init; } = "Production";

        /// <summary>Settings given on top of the database's; a null value removes one (<c>Security:MasterKey</c>, so the app uses its key file).</summary>
        public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

        /// <summary>The kernel kills the process (SIGXFSZ, exit code 153) at its first write to a regular file: a crash at a known point.</summary>
        public bool KilledAtFirstFileWrite { get; init; }

        /// <summary>How long to wait for the process to end; a minute unless given.</summary>
        public TimeSpan? Patience { get; init; }
    }

    public sealed record Completed(int ExitCode, string Output, string Error)
    {
        public override string ToString() => new StringBuilder()
            .AppendLine($"exit code {ExitCode}").AppendLine("stdout:").AppendLine(Output).AppendLine("stderr:").Append(Error).ToString();
    }
}
