namespace Cash.Web.Interventions;

/// <summary>
/// A month as a calendar shows it: weeks from Monday to Sunday, each day of the month a cell (the
/// days of the weeks' other months are empty cells), each intervention on the Brussels day it
/// starts on.
/// </summary>
public sealed class MonthGrid
{
    private MonthGrid(DateOnly first, IReadOnlyList<IReadOnlyList<GridDay?>> weeks)
    {
        First = first;
        Weeks = weeks;
    }

    /// <summary>The month's first day.</summary>
    public DateOnly First { get; }

    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    public IReadOnlyList<IReadOnlyList<GridDay?>> Weeks { get; }

    public IEnumerable<GridDay> Days => Weeks.SelectMany(w => w).OfType<GridDay>();

    /// <summary>The month starting on <paramref name="first"/> (a first of the month) with <paramref name="entries"/> placed on their days; entries of other days are left out.</summary>
    public static MonthGrid Of(DateOnly first, IEnumerable<CalendarEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (first.Day != 1)
        {
            throw new ArgumentException("A month starts on its first day.", nameof(first));
        }

        var byDay = entries.GroupBy(e => e.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<CalendarEntry>)[.. g.OrderBy(e => e.StartsAt).ThenBy(e => e.Id)]);
        var last = first.AddMonths(1).AddDays(-1);
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var weeks = new List<IReadOnlyList<GridDay?>>();
        var week = new List<GridDay?>(Enumerable.Repeat<GridDay?>(null, offset));
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            week.Add(new GridDay(day, byDay.GetValueOrDefault(day) ?? []));
            if (week.Count == 7)
            {
                weeks.Add(week);
                week = [];
            }
        }

        if (week.Count > 0)
        {
            week.AddRange(Enumerable.Repeat<GridDay?>(null, 7 - week.Count));
            weeks.Add(week);
        }

        return new MonthGrid(first, weeks);
    }
}

/// <summary>A day of the month and its interventions, by start.</summary>
public sealed record GridDay(DateOnly Day, IReadOnlyList<CalendarEntry> Entries);
