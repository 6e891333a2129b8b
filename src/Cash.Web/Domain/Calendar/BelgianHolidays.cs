namespace Cash.Web.Domain.Calendar;

/// <summary>
/// The ten legal public holidays of Belgium. When one falls on a weekend no other day is given
/// instead by law (employers may grant one, which is not a public holiday), so none is added here.
/// </summary>
public static class BelgianHolidays
{
    /// <summary>The year's public holidays, in calendar order.</summary>
    public static IReadOnlyList<DateOnly> Of(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new DateOnly(year, 1, 1), // New Year's Day
            easter.AddDays(1), // Easter Monday
            new DateOnly(year, 5, 1), // Labour Day
            easter.AddDays(39), // Ascension
            easter.AddDays(50), // Whit Monday
            new DateOnly(year, 7, 21), // National Day
            new DateOnly(year, 8, 15), // Assumption
            new DateOnly(year, 11, 1), // All Saints' Day
            new DateOnly(year, 11, 11), // Armistice Day
            new DateOnly(year, 12, 25), // Christmas
        ];
    }

    public static bool IsHoliday(DateOnly day) => Of(day.Year).Contains(day);

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
