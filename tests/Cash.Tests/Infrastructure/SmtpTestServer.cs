using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A real SMTP server inside the test process, on 127.0.0.1 and a free port, that keeps every
/// message it receives. Point the app at it with <see cref="Settings"/>; mail is the one thing
/// that leaves the machine in production, so it is the one thing tests catch instead.
/// </summary>
/// <remarks>Also compiled into Cash.BrowserTests (a linked file), so both suites read mail the same way.</remarks>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly List<MimeMessage> messages = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly string? rejection;
    private TaskCompletionSource arrived = NewSignal();
    private TaskCompletionSource? held;
    private SmtpServer.SmtpServer? server;
    private Task running = Task.CompletedTask;

    private SmtpTestServer(string? rejection)
    {
        this.rejection = rejection;
    }

    public const string Host = "127.0.0.1";

    public int Port { get; private set; }

    /// <summary>The app settings that send its mail here, in plain text (no TLS, no authentication).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = Host,
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:Username"] = "",
    };

    /// <summary>Everything received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>A server that accepts every message.</summary>
    public static Task<SmtpTestServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(rejection: null, cancellationToken);

    /// <summary>
    /// A server that refuses every message with a permanent 550 whose text quotes the recipients,
    /// as many real servers do: for checking that such a reply goes nowhere it should not.
    /// </summary>
    public static Task<SmtpTestServer> StartRejectingAsync(CancellationToken cancellationToken = default) =>
        StartAsync(rejection: "no such user here", cancellationToken);

    /// <summary>The first message (already received or yet to come) that <paramref name="match"/> accepts.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var found = messages.Find(m => match(m));
                if (found is not null)
                {
                    return found;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching e-mail arrived within {timeout}; {Messages.Count} arrived in all.");
            }
        }
    }

    /// <summary>
    /// Keeps every message that arrives from now on waiting before the server's reply, as a slow
    /// server would, until the result is disposed: for checking that nobody waits for the mail.
    /// </summary>
    public IDisposable Hold()
    {
        var release = NewSignal();
        lock (gate)
        {
            held = release;
        }

        return new Release(this, release);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        server?.Shutdown();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // The normal way the listener ends.
        }

        stopping.Dispose();
    }

    private static async Task<SmtpTestServer> StartAsync(string? rejection, CancellationToken cancellationToken)
    {
        var instance = new SmtpTestServer(rejection);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Parse(Host), 0)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(instance));

        instance.server = new SmtpServer.SmtpServer(options, services);
        instance.running = instance.server.StartAsync(instance.stopping.Token);
        try
        {
            // Port 0 lets the system pick a free port; the listener reports which one.
            var started = await Task.WhenAny(listening.Task, instance.running).WaitAsync(StartTimeout, cancellationToken);
            if (started != listening.Task)
            {
                await instance.running;
                throw new InvalidOperationException("The test SMTP server stopped before it listened.");
            }

            instance.Port = await listening.Task;
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Receive(MimeMessage message)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            messages.Add(message);
            signal = arrived;
            arrived = NewSignal();
        }

        signal.TrySetResult();
    }

    private sealed class Release(SmtpTestServer owner, TaskCompletionSource signal) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate)
            {
                if (owner.held == signal)
                {
                    owner.held = null;
                }
            }

            signal.TrySetResult();
        }
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Task? hold;
            lock (owner.gate)
            {
                hold = owner.held?.Task;
            }

            if (hold is not null)
            {
                await hold.WaitAsync(cancellationToken);
            }

            if (owner.rejection is not null)
            {
                var recipients = string.Join(", ", transaction.To.Select(m => $"<{m.User}@{m.Host}>"));
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, $"{recipients}: {owner.rejection}");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Receive(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
