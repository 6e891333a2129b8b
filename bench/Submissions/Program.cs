using System.Diagnostics;
using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Mail;
using Cash.Web.Security;

// Durable help-request submissions per second through the app's own submission path
// (HelpRequestSubmitter: encryption, receipt seal, group-committed insert, audit entry) on SQLite,
// with the app's durability settings, from N concurrent senders. The HTTP layer around it is
// measured by bench/submissions.sh; this isolates what the budget is about: what storing a request
// durably costs next to a bare loop of durable inserts (bench/RawInserts) on the same disk.
// Usage: Submissions <database file> <seconds> <concurrency>. Prints "submissions/s: N".
if (args.Length != 3
    || !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
    || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var concurrency))
{
    Console.Error.WriteLine("Usage: Submissions <database file> <seconds> <concurrency>");
    return 2;
}

var builder = WebApplication.CreateBuilder([
    $"--ConnectionStrings:Cash=Data Source={args[0]}",
    "--Database:Provider=Sqlite",
    "--Security:MasterKey=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    "--Logging:LogLevel:Default=Warning",
    "--Smtp:Host=",
    "--Smtp:PickupDirectory=" + Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args[0]))!, "mail"),
]);
builder.AddCashData();
builder.AddCashProtection();
builder.AddCashAudit();
builder.AddCashMail();
builder.AddHelpRequests();
var app = builder.Build();
await app.PrepareDatabaseAsync();

var submitter = app.Services.GetRequiredService<HelpRequestSubmitter>();
var text = new string('x', 600);
var content = new HelpRequestContent(null, SenderRole.YoungTarget, AgeBand.From13To15, null, BullyingForm.Verbal, false, text, Duration.Weeks, HelpWish.Listening, ReplyChannel.Receipt, null, false, false);

// A short warm-up, so the JIT and the connection pool are done before anything is timed.
await RunAsync(TimeSpan.FromSeconds(Math.Min(3, seconds / 3)));
var clock = Stopwatch.StartNew();
var count = await RunAsync(TimeSpan.FromSeconds(seconds));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submissions/s: {count / clock.Elapsed.TotalSeconds:0}"));
return 0;

async Task<long> RunAsync(TimeSpan duration)
{
    long done = 0;
    var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        while (Stopwatch.GetTimestamp() < end)
        {
            if (await submitter.SubmitAsync(Guid.NewGuid(), content, CancellationToken.None) is null)
            {
                throw new InvalidOperationException("A fresh submission key was taken for a resend.");
            }

            Interlocked.Increment(ref done);
        }
    })));
    return done;
}
