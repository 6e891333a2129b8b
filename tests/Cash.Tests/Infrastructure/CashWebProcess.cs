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

    public static async Task<Completed> RunInEnvironmentAsync(TestDatabase database, string environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(database);
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
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
            foreach (var (key, value) in database.Settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(Patience);
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

    public sealed record Completed(int ExitCode, string Output, string Error)
    {
        public override string ToString() => new StringBuilder()
            .AppendLine($"exit code {ExitCode}").AppendLine("stdout:").AppendLine(Output).AppendLine("stderr:").Append(Error).ToString();
    }
}
