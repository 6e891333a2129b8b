namespace Cash.Web.Domain.Calendar;

/// <summary>
/// The clock and calendar of the people CASH serves, in Mouscron: times are stored in UTC, but a
/// day (for a deadline, a filter, a date shown) begins and ends at midnight in Brussels, which is
/// one or two hours before midnight UTC depending on summer time.
/// </summary>
public static class Brussels
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    /// <summary>The same instant on a Brussels clock.</summary>
    public static DateTimeOffset TimeOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day it is in Brussels at <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeOf(instant).DateTime);

    /// <summary>The UTC instant at which <paramref name="day"/> begins in Brussels (midnight is never skipped by a clock change there).</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
}
