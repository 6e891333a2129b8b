namespace Cash.Tests.Infrastructure;

/// <summary>A clock the audit tests move by hand, so entry times are known in advance.</summary>
public sealed class AuditClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);
}
