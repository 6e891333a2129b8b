using System.Collections.Concurrent;
using Cash.Web.Operations;

namespace Cash.Tests;

/// <summary>
/// The group commit the audit trail and the help request writer share: callers that arrive
/// together share a write, each gets its own result, and a queued item is written even when its
/// caller gives up.
/// </summary>
public sealed class WritingInGroupsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallersArrivingTogetherShareWritesAndEachGetsItsOwnResult()
    {
        var batches = new ConcurrentBag<int>();
        using var commits = new GroupCommit<int, int>(maxBatch: 8, async batch =>
        {
            batches.Add(batch.Count);
            await Task.Delay(20, Ct);
            foreach (var item in batch)
            {
                item.Succeed(item.Value * 2);
            }
        });

        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(() => commits.WriteAsync(i, Ct), Ct)));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => i * 2), results);
        Assert.Equal(40, batches.Sum());
        Assert.True(batches.Count < 40, $"{batches.Count} writes for 40 items: nothing was grouped.");
        Assert.All(batches, count => Assert.InRange(count, 1, 8));
    }

    [Fact]
    public async Task SeveralItemsOfOneCallerAreWrittenInTheirOrder()
    {
        var written = new ConcurrentQueue<string>();
        using var commits = new GroupCommit<string, string>(maxBatch: 2, batch =>
        {
            foreach (var item in batch)
            {
                written.Enqueue(item.Value);
                item.Succeed(item.Value.ToUpperInvariant());
            }

            return Task.CompletedTask;
        });

        var results = await commits.WriteAllAsync(["a", "b", "c", "d", "e"], Ct);

        Assert.Equal(["A", "B", "C", "D", "E"], results);
        Assert.Equal(["a", "b", "c", "d", "e"], written);
    }

    [Fact]
    public async Task AQueuedItemIsWrittenEvenIfItsCallerStopsWaiting()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = new ConcurrentQueue<int>();
        using var commits = new GroupCommit<int, bool>(maxBatch: 10, async batch =>
        {
            await gate.Task;
            foreach (var item in batch)
            {
                written.Enqueue(item.Value);
                item.Succeed(true);
            }
        });
        using var givingUp = new CancellationTokenSource();

        // The first caller gives up while its item is being written, the second before it even starts.
        var first = commits.WriteAsync(1, givingUp.Token);
        await givingUp.CancelAsync();
        var second = commits.WriteAsync(2, givingUp.Token);
        gate.SetResult();

        foreach (var abandoned in new[] { first, second })
        {
            try
            {
                await abandoned;
            }
            catch (OperationCanceledException)
            {
                // Giving up may or may not be reported; the write must happen either way.
            }
        }

        Assert.Equal([1, 2], written);
    }

    [Fact]
    public async Task TheBatchIsWrittenWithoutTheWritingCallersContext()
    {
        var signedIn = new AsyncLocal<string?>();
        string? seenByTheWriter = "not run";
        using var commits = new GroupCommit<int, bool>(maxBatch: 10, batch =>
        {
            seenByTheWriter = signedIn.Value;
            foreach (var item in batch)
            {
                item.Succeed(true);
            }

            return Task.CompletedTask;
        });

        signedIn.Value = "the leader's user";
        await commits.WriteAsync(1, Ct);

        Assert.Null(seenByTheWriter);
    }

    [Fact]
    public async Task AFailedWriteFailsTheItemsItHadNotSettledAndTheNextWriteStillRuns()
    {
        var attempts = 0;
        using var commits = new GroupCommit<int, int>(maxBatch: 10, batch =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                batch[0].Succeed(batch[0].Value);
                throw new TimeoutException("the database is gone");
            }

            foreach (var item in batch)
            {
                item.Succeed(item.Value);
            }

            return Task.CompletedTask;
        });

        await Assert.ThrowsAsync<TimeoutException>(() => commits.WriteAllAsync([7, 8], Ct));
        Assert.Equal(3, await commits.WriteAsync(3, Ct));
    }

    [Fact]
    public async Task AnItemTheWriterLeavesWithoutAResultFailsRatherThanHangs()
    {
        using var commits = new GroupCommit<int, int>(maxBatch: 10, _ => Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => commits.WriteAsync(1, Ct));
    }
}
