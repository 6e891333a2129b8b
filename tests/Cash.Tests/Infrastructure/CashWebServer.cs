using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// The real <c>Cash.Web.dll</c> serving on a free port of 127.0.0.1 in a process of its own, as in
/// production, for tests that must stop it the hard way. Unlike <see cref="CashWebProcess"/>, which
/// runs a command to its end, this one keeps running until killed or disposed.
/// </summary>
public sealed class CashWebServer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly Process process;
    private readonly DirectoryInfo workingFolder;
    private readonly StringBuilder output = new();

    private CashWebServer(Process process, DirectoryInfo workingFolder, Uri address)
    {
        this.process = process;
        this.workingFolder = workingFolder;
        Address = address;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>A client that keeps no cookies: the app's cookies are Secure, so tests send them back by hand over plain http.</summary>
    public HttpClient Client { get; }

    /// <summary>What the server wrote so far, for failure messages (its logs hold no personal data).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the app on <paramref name="database"/> and waits until /health answers 200.</summary>
    /// <param name="settings">Settings given on top of the database's; a null value removes one.</param>
    public static async Task<CashWebServer> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var port = FreePort();
        var workingFolder = Directory.CreateTempSubdirectory("cash-server-");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingFolder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Site__BaseUrl"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in database.Settings.Concat(settings ?? new Dictionary<string, string?>()))
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

        // The limits CashApp lifts for tests (one client address sends everything), and mail to a folder.
        start.Environment["RateLimits__HelpSubmissionsPerClientPerHour"] = "1000000";
        start.Environment["RateLimits__HelpSubmissionsPerHour"] = "1000000";
        start.Environment["RateLimits__FollowUpFailuresPerClient"] = "1000000";
        start.Environment["RateLimits__FollowUpFailuresGlobal"] = "1000000";
        start.Environment["RateLimits__FollowUpDelayMilliseconds"] = "0";
        start.Environment["Smtp__Host"] = "";
        start.Environment["Smtp__PickupDirectory"] = Path.Combine(workingFolder.FullName, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new CashWebServer(process, workingFolder, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public bool HasExited => process.HasExited;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            process.Dispose();
            try
            {
                workingFolder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file the dead process held may linger for a moment; the temporary folder is cleaned by the system.
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with exit code {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The app was not healthy within {Patience}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 100_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
