namespace Cash.Web.Domain.Calendar;

/// <summary>
/// Working days as the services keep them: Monday to Friday in Brussels, except Belgian public
/// holidays (<see cref="BelgianHolidays"/>). Every deadline counts with these, so a request sent
/// on 24 December at 23:30 in Mouscron (22:30 UTC) counts from the 24th and skips Christmas.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && !BelgianHolidays.IsHoliday(day);

    /// <summary>
    /// How many working days begin after the Brussels day of <paramref name="from"/>, up to and
    /// including the Brussels day of <paramref name="to"/>: the day something arrives does not count.
    /// </summary>
    public static int Between(DateTimeOffset from, DateTimeOffset to)
    {
        var last = Brussels.DayOf(to);
        var days = 0;
        for (var day = Brussels.DayOf(from).AddDays(1); day <= last; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                days++;
            }
        }

        return days;
    }

    /// <summary>
    /// A deadline: the end of the <paramref name="days"/>th working day after the Brussels day of
    /// <paramref name="from"/>, as the UTC instant the next day begins in Brussels. Anything
    /// strictly before it is in time (0 days: the end of <paramref name="from"/>'s own day).
    /// </summary>
    public static DateTimeOffset AddTo(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = Brussels.DayOf(from);
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return Brussels.StartOf(day.AddDays(1));
    }
}
