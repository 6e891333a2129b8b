using System.Globalization;
using Cash.Web.Domain.Calendar;

namespace Cash.Web.Domain.Prevention;

/// <summary>
/// A school year of the Fédération Wallonie-Bruxelles as the coverage counts it: from 1 September
/// to 31 August, named by the year it starts in (2026 is 2026-2027). Which one it is "now" is read
/// on a Brussels clock: at 00:30 on 1 September in Brussels (22:30 UTC the day before) the new one has begun.
/// </summary>
public readonly record struct SchoolYear(int StartYear)
{
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public DateOnly First => new(StartYear, 9, 1);

    public DateOnly Last => new(StartYear + 1, 8, 31);

    /// <summary>"2026-2027".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{StartYear}-{StartYear + 1}");

    public SchoolYear Previous => new(StartYear - 1);

    public SchoolYear Next => new(StartYear + 1);

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    public static SchoolYear Of(DateOnly day) => new(day.Month >= 9 ? day.Year : day.Year - 1);

    /// <summary>The school year it is in Brussels at <paramref name="instant"/>.</summary>
    public static SchoolYear At(DateTimeOffset instant) => Of(Brussels.DayOf(instant));

    /// <summary>A year written as digits between 2000 and 2100 (<c>?annee=2026</c>), else null.</summary>
    public static SchoolYear? Read(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear
            ? new SchoolYear(year)
            : null;

    public override string ToString() => Label;
}
