using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Security.Encryption;
using Cash.Web.Situations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cash.Bench.SituationSeed;

/// <summary>
/// Tops the situations up to a total, in batches: one or more threads make and seal batches
/// (<see cref="SituationFactory"/>) while one writes them (<see cref="BulkWriter"/>), each batch in
/// one transaction, tables in the order of their foreign keys.
/// </summary>
public sealed class SituationSeeder(IServiceProvider services, TextWriter progress)
{
    public const int DefaultBatchSize = 10_000;

    /// <summary>
    /// About how many referrals wait for an answer once the situations are seeded: a few dozen at
    /// any size, as the benchmark asks ("a few pending referrals"); 3 in 100 situations still
    /// open or in progress below 2,000 situations.
    /// </summary>
    public const int PendingReferrals = 60;

    /// <summary>The share of situations still open or in progress (<see cref="SituationFactory"/>).</summary>
    private const double NotClosed = 0.30;

    /// <summary>Adds situations until there are <paramref name="total"/>; returns how many were added.</summary>
    public async Task<int> SeedAsync(int total, BenchDirectory directory, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CashDbContext>();
        var existing = await db.Situations.AsNoTracking().Select(s => s.Reference).ToListAsync(cancellationToken);
        var missing = total - existing.Count;
        if (missing <= 0)
        {
            await progress.WriteLineAsync($"{existing.Count:N0} situations already, nothing to add");
            return 0;
        }

        var keyRing = services.GetRequiredService<FieldKeyRing>();
        await keyRing.GetActiveKeyIdAsync(cancellationToken);
        var retention = services.GetRequiredService<IOptions<SituationOptions>>().Value.RetentionMonths;
        var factory = new SituationFactory(
            services.GetRequiredService<FieldCipher>(), directory, services.GetRequiredService<TimeProvider>().GetUtcNow(), retention, new ReferenceBook(existing))
        {
            PendingChance = Math.Min(0.03, PendingReferrals / (NotClosed * total)),
        };
        var model = db.Model;
        var shapes = new Shapes(
            TableShape.Of<Situation>(model), TableShape.Of<InvolvedService>(model), TableShape.Of<InvolvedPerson>(model),
            TableShape.Of<Consent>(model), TableShape.Of<Referral>(model), TableShape.Of<JournalEntry>(model));

        var batches = (missing + batchSize - 1) / batchSize;
        var makers = Math.Max(1, Environment.ProcessorCount - 1);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"adding {missing:N0} situations to {existing.Count:N0}: {batches} batches of up to {batchSize:N0}, {makers} thread(s) making, one writing"));

        var clock = Stopwatch.StartNew();
        var queue = Channel.CreateBounded<SituationBatch>(new BoundedChannelOptions(makers + 1) { SingleReader = true });
        var next = -1;
        long makingTicks = 0;
        var writing = new Stopwatch();
        var make = Task.WhenAll(Enumerable.Range(0, makers).Select(_ => Task.Run(
            async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches)
                {
                    var size = Math.Min(batchSize, missing - (index * batchSize));
                    var started = Stopwatch.GetTimestamp();
                    var batch = factory.Make(size, HashCode.Combine(existing.Count, index));
                    Interlocked.Add(ref makingTicks, Stopwatch.GetTimestamp() - started);
                    await queue.Writer.WriteAsync(batch, cancellationToken);
                }
            },
            cancellationToken)));
        _ = make.ContinueWith(t => queue.Writer.TryComplete(t.Exception), TaskScheduler.Default);

        var connectionString = db.Database.GetConnectionString()!;
        var written = 0;
        var reported = clock.Elapsed;
        await using (var writer = await BulkWriter.OpenAsync(db.Database.IsNpgsql(), connectionString, cancellationToken))
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(cancellationToken))
            {
                writing.Start();
                await writer.BeginAsync(cancellationToken);
                await writer.WriteAsync(shapes.Situations, batch.Situations, cancellationToken);
                await writer.WriteAsync(shapes.Services, batch.Services, cancellationToken);
                await writer.WriteAsync(shapes.People, batch.People, cancellationToken);
                await writer.WriteAsync(shapes.Consents, batch.Consents, cancellationToken);
                await writer.WriteAsync(shapes.Referrals, batch.Referrals, cancellationToken);
                await writer.WriteAsync(shapes.Entries, batch.Entries, cancellationToken);
                await writer.CommitAsync(cancellationToken);
                writing.Stop();
                written += batch.Situations.Count;
                if (clock.Elapsed - reported > TimeSpan.FromSeconds(10) || written == missing)
                {
                    reported = clock.Elapsed;
                    await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {existing.Count + written:N0} situations, {clock.Elapsed.TotalSeconds:0} s, {written / clock.Elapsed.TotalSeconds:N0} situations/s"));
                }
            }
        }

        await make;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"added {written:N0} situations in {clock.Elapsed.TotalSeconds:0.0} s (making and sealing: {makingTicks / (double)Stopwatch.Frequency:0.0} s of thread time; writing: {writing.Elapsed.TotalSeconds:0.0} s)"));
        await SettleAsync(db, cancellationToken);
        return written;
    }

    /// <summary>
    /// PostgreSQL: VACUUM ANALYZE, what autovacuum does soon after a big load anyway (statistics for
    /// the planner, a visibility map for index-only scans): measured right after, the benchmark would
    /// otherwise catch the database in a state it is never in for long. SQLite: the app runs no
    /// ANALYZE, so neither does this; the write-ahead log is emptied into the file.
    /// </summary>
    private async Task SettleAsync(CashDbContext db, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "VACUUM (ANALYZE) \"Situations\", \"InvolvedServices\", \"InvolvedPeople\", \"Consents\", \"Referrals\", \"JournalEntries\"", cancellationToken);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"VACUUM ANALYZE in {clock.Elapsed.TotalSeconds:0.0} s"));
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"checkpoint in {clock.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    private sealed record Shapes(TableShape Situations, TableShape Services, TableShape People, TableShape Consents, TableShape Referrals, TableShape Entries);
}
