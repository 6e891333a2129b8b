using System.Collections.Concurrent;

namespace Cash.Web.Operations;

/// <summary>
/// Group commit: callers queue items and wait for their own results; whoever finds the writer free
/// writes every item queued so far (up to a maximum batch) in one go, so a burst of writes costs a
/// few durable writes rather than one each, queued on the database's write lock.
/// </summary>
/// <remarks>
/// <para>Once queued, an item is written even if its caller stops waiting: it may already be in a batch.</para>
/// <para>The batch is written without the flowing execution context of the caller that happens to
/// write it: the batch holds other callers' items, and nothing of this caller's request (its
/// signed-in user, for the audit trail) may be taken for theirs.</para>
/// <para>The write delegate settles each item (<see cref="Item.Succeed"/> or <see cref="Item.Fail"/>);
/// if it throws, every item it left unsettled fails with that exception.</para>
/// </remarks>
public sealed class GroupCommit<TItem, TResult>(int maxBatch, Func<IReadOnlyList<GroupCommit<TItem, TResult>.Item>, Task> write) : IDisposable
{
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentQueue<Item> queue = new();

    /// <summary>Queues one item and returns its result once written.</summary>
    public async Task<TResult> WriteAsync(TItem value, CancellationToken cancellationToken) =>
        (await WriteAllAsync([value], cancellationToken))[0];

    /// <summary>Queues several items, in order, and returns their results once all are written.</summary>
    public async Task<IReadOnlyList<TResult>> WriteAllAsync(IReadOnlyList<TItem> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mine = values.Select(v => new Item(v)).ToList();
        mine.ForEach(queue.Enqueue);

        await writing.WaitAsync(CancellationToken.None);
        try
        {
            // The queue is first in, first out: a batch ahead may hold other items, so write until ours are done.
            while (mine.Any(m => !m.Done.IsCompleted))
            {
                var batch = new List<Item>();
                while (batch.Count < maxBatch && queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                Task written;
                using (ExecutionContext.SuppressFlow())
                {
                    written = Task.Run(() => WriteBatchAsync(batch), CancellationToken.None);
                }

                await written;
            }
        }
        finally
        {
            writing.Release();
        }

        return await Task.WhenAll(mine.Select(m => m.Done)).WaitAsync(cancellationToken);
    }

    public void Dispose() => writing.Dispose();

    private async Task WriteBatchAsync(List<Item> batch)
    {
        try
        {
            await write(batch);
        }
        catch (Exception exception)
        {
            batch.ForEach(b => b.Fail(exception));
            return;
        }

        batch.ForEach(b => b.Fail(new InvalidOperationException("The group commit's writer left an item without a result.")));
    }

    /// <summary>One queued item, and the caller waiting for its result.</summary>
    public sealed class Item(TItem value)
    {
        private readonly TaskCompletionSource<TResult> result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TItem Value { get; } = value;

        internal Task<TResult> Done => result.Task;

        /// <summary>Settles the item; an item already settled keeps its first result.</summary>
        public void Succeed(TResult outcome) => result.TrySetResult(outcome);

        public void Fail(Exception exception) => result.TrySetException(exception);
    }
}
