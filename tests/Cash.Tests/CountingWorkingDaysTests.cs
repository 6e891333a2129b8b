using Cash.Web.Domain.Calendar;

namespace Cash.Tests;

/// <summary>
/// Working days as every deadline counts them: Brussels days (not UTC days), Monday to Friday,
/// without the ten Belgian public holidays. Times are written with their Brussels offset: +1 in
/// winter, +2 in summer.
/// </summary>
public sealed class CountingWorkingDaysTests
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2031, 4, 13)]
    [InlineData(2038, 4, 25)] // the latest Easter can be
    [InlineData(2285, 3, 22)] // the earliest
    public void EasterIsComputedForTheGregorianCalendar(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), BelgianHolidays.EasterSunday(year));

    [Fact]
    public void AYearHasTheTenLegalHolidaysInCalendarOrder()
    {
        DateOnly[] expected =
        [
            new(2026, 1, 1), new(2026, 4, 6), new(2026, 5, 1), new(2026, 5, 14), new(2026, 5, 25),
            new(2026, 7, 21), new(2026, 8, 15), new(2026, 11, 1), new(2026, 11, 11), new(2026, 12, 25),
        ];

        Assert.Equal(expected, BelgianHolidays.Of(2026));
    }

    [Theory]
    [InlineData(2024, "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-29", "2027-05-06", "2027-05-17")]
    public void EasterMondayAscensionAndWhitMondayMoveWithEaster(int year, string easterMonday, string ascension, string whitMonday)
    {
        foreach (var holiday in new[] { easterMonday, ascension, whitMonday }.Select(DateOnly.Parse))
        {
            Assert.Contains(holiday, BelgianHolidays.Of(year));
            Assert.False(WorkingDays.IsWorkingDay(holiday), holiday.ToString("O", null));

            // The days around a weekday holiday are worked.
            Assert.True(WorkingDays.IsWorkingDay(holiday.AddDays(1)));
        }

        Assert.Equal(DayOfWeek.Thursday, DateOnly.Parse(ascension).DayOfWeek);
        Assert.True(WorkingDays.IsWorkingDay(DateOnly.Parse(ascension).AddDays(-1)));
    }

    [Fact]
    public void TheNationalDayOnATuesdayIsNotWorked()
    {
        var monday = new DateTimeOffset(2026, 7, 20, 10, 0, 0, Summer);

        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 7, 21)));
        Assert.Equal(0, WorkingDays.Between(monday, monday.AddDays(1)));
        Assert.Equal(1, WorkingDays.Between(monday, monday.AddDays(2)));
        Assert.Equal(new DateTimeOffset(2026, 7, 23, 0, 0, 0, Summer), WorkingDays.AddTo(monday, 1));
    }

    [Theory]
    [InlineData("2026-11-01")] // All Saints' Day on a Sunday
    [InlineData("2026-08-15")] // Assumption on a Saturday
    [InlineData("2027-12-25")] // Christmas on a Saturday
    [InlineData("2028-01-01")] // New Year's Day on a Saturday
    public void AHolidayOnAWeekendGivesNoDayOffInstead(string date)
    {
        var holiday = DateOnly.Parse(date);
        var friday = holiday.AddDays(holiday.DayOfWeek == DayOfWeek.Saturday ? -1 : -2);
        var monday = friday.AddDays(3);

        Assert.Contains(holiday, BelgianHolidays.Of(holiday.Year));
        Assert.True(WorkingDays.IsWorkingDay(friday));
        Assert.True(WorkingDays.IsWorkingDay(monday));
        Assert.Equal(1, WorkingDays.Between(Brussels.StartOf(friday).AddHours(12), Brussels.StartOf(monday).AddHours(12)));
    }

    [Theory]
    [InlineData(1, 0)] // Saturday
    [InlineData(3, 1)] // Monday
    [InlineData(4, 2)] // Tuesday
    [InlineData(7, 5)] // Friday a week later
    public void TheWeekendIsNotCounted(int daysLater, int expected)
    {
        var friday = new DateTimeOffset(2030, 11, 29, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, WorkingDays.Between(friday, friday.AddDays(daysLater)));
    }

    [Fact]
    public void ARequestSentOnChristmasEveAtHalfPastElevenCountsFromTheTwentyFourthAndSkipsChristmas()
    {
        var sent = new DateTimeOffset(2025, 12, 24, 23, 30, 0, Winter);
        Assert.Equal(new DateTimeOffset(2025, 12, 24, 22, 30, 0, TimeSpan.Zero), sent);

        // 25 December is a holiday; Friday 26 December is the first working day, Monday 29 the second.
        Assert.Equal(0, WorkingDays.Between(sent, new DateTimeOffset(2025, 12, 25, 23, 59, 0, Winter)));
        Assert.Equal(1, WorkingDays.Between(sent, new DateTimeOffset(2025, 12, 26, 0, 0, 0, Winter)));
        Assert.Equal(1, WorkingDays.Between(sent, new DateTimeOffset(2025, 12, 28, 23, 59, 0, Winter)));
        Assert.Equal(2, WorkingDays.Between(sent, new DateTimeOffset(2025, 12, 29, 0, 0, 0, Winter)));
        Assert.Equal(new DateTimeOffset(2025, 12, 29, 23, 0, 0, TimeSpan.Zero), WorkingDays.AddTo(sent, 2));
    }

    [Fact]
    public void HalfAnHourAfterMidnightOnChristmasIsAlreadyChristmasThoughUtcSaysTheTwentyFourth()
    {
        var sent = new DateTimeOffset(2025, 12, 25, 0, 30, 0, Winter);
        Assert.Equal(24, sent.UtcDateTime.Day);

        Assert.Equal(new DateOnly(2025, 12, 25), Brussels.DayOf(sent));
        Assert.Equal(0, WorkingDays.Between(sent, new DateTimeOffset(2025, 12, 25, 23, 59, 0, Winter)));
        Assert.Equal(new DateTimeOffset(2025, 12, 27, 0, 0, 0, Winter), WorkingDays.AddTo(sent, 1));
    }

    [Fact]
    public void FridayEveningAndSaturdayJustAfterMidnightAreTwoBrusselsDaysOnOneUtcDate()
    {
        var friday = new DateTimeOffset(2026, 1, 9, 23, 30, 0, Winter);
        var saturday = new DateTimeOffset(2026, 1, 10, 0, 30, 0, Winter);
        var mondayJustAfterMidnight = new DateTimeOffset(2026, 1, 12, 0, 30, 0, Winter);
        Assert.Equal(friday.UtcDateTime.Date, saturday.UtcDateTime.Date);
        Assert.Equal(11, mondayJustAfterMidnight.UtcDateTime.Day);

        Assert.Equal(DayOfWeek.Friday, Brussels.DayOf(friday).DayOfWeek);
        Assert.Equal(DayOfWeek.Saturday, Brussels.DayOf(saturday).DayOfWeek);

        // In Brussels Monday has begun, though it is still Sunday in UTC.
        Assert.Equal(1, WorkingDays.Between(friday, mondayJustAfterMidnight));
        Assert.Equal(1, WorkingDays.Between(saturday, mondayJustAfterMidnight));
        Assert.Equal(0, WorkingDays.Between(friday, saturday));
    }

    [Fact]
    public void ARequestAfterMidnightOnAWeekdayGetsItsDeadlineADayLater()
    {
        var tuesday = new DateTimeOffset(2026, 1, 13, 23, 30, 0, Winter);
        var wednesday = new DateTimeOffset(2026, 1, 14, 0, 30, 0, Winter);
        Assert.Equal(tuesday.UtcDateTime.Date, wednesday.UtcDateTime.Date);

        Assert.Equal(1, WorkingDays.Between(tuesday, wednesday));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, Winter), WorkingDays.AddTo(tuesday, 1));
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 0, 0, 0, Winter), WorkingDays.AddTo(wednesday, 1));
    }

    [Fact]
    public void TheSpringClockChangeMovesMidnightButNotTheDays()
    {
        // Sunday 29 March 2026: 02:00 becomes 03:00; Monday begins at 22:00 UTC on Sunday.
        var friday = new DateTimeOffset(2026, 3, 27, 18, 0, 0, Winter);
        var mondayJustAfterMidnight = new DateTimeOffset(2026, 3, 30, 0, 30, 0, Summer);
        Assert.Equal(29, mondayJustAfterMidnight.UtcDateTime.Day);

        Assert.Equal(1, WorkingDays.Between(friday, mondayJustAfterMidnight));
        Assert.Equal(0, WorkingDays.Between(friday, mondayJustAfterMidnight.AddHours(-1)));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 0, 0, 0, Winter), WorkingDays.AddTo(friday, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 0, 0, 0, Summer), WorkingDays.AddTo(friday, 1));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), Brussels.StartOf(new DateOnly(2026, 3, 30)));
    }

    [Fact]
    public void TheAutumnClockChangeMovesMidnightButNotTheDays()
    {
        // Sunday 25 October 2026: 03:00 becomes 02:00; Monday begins at 23:00 UTC on Sunday.
        var friday = new DateTimeOffset(2026, 10, 23, 18, 0, 0, Summer);
        var mondayJustAfterMidnight = new DateTimeOffset(2026, 10, 26, 0, 30, 0, Winter);
        Assert.Equal(25, mondayJustAfterMidnight.UtcDateTime.Day);

        Assert.Equal(1, WorkingDays.Between(friday, mondayJustAfterMidnight));
        Assert.Equal(0, WorkingDays.Between(friday, mondayJustAfterMidnight.AddHours(-1)));
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 0, 0, 0, Summer), WorkingDays.AddTo(friday, 0));
        Assert.Equal(new DateTimeOffset(2026, 10, 27, 0, 0, 0, Winter), WorkingDays.AddTo(friday, 1));
    }

    [Fact]
    public void TheYearsEndSkipsChristmasTheWeekendAndNewYear()
    {
        var christmasEve = new DateTimeOffset(2025, 12, 24, 10, 0, 0, Winter);
        var secondOfJanuary = new DateTimeOffset(2026, 1, 2, 10, 0, 0, Winter);

        // 26, 29, 30, 31 December and 2 January.
        Assert.Equal(5, WorkingDays.Between(christmasEve, secondOfJanuary));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Winter), WorkingDays.AddTo(christmasEve, 4));
        Assert.Equal(new DateTimeOffset(2026, 1, 3, 0, 0, 0, Winter), WorkingDays.AddTo(christmasEve, 5));
    }

    [Fact]
    public void EveryHourOfAYearReachesItsDeadlineAtABrusselsMidnightWithExactlyThatManyWorkingDaysBefore()
    {
        for (var from = new DateTimeOffset(2026, 1, 1, 0, 15, 0, TimeSpan.Zero); from.Year == 2026; from = from.AddHours(1))
        {
            for (var days = 0; days <= 3; days++)
            {
                var deadline = WorkingDays.AddTo(from, days);

                Assert.Equal(TimeSpan.Zero, Brussels.TimeOf(deadline).TimeOfDay);
                Assert.Equal(days, WorkingDays.Between(from, deadline.AddTicks(-1)));
                Assert.True(WorkingDays.IsWorkingDay(Brussels.DayOf(deadline.AddTicks(-1))) || days == 0);
            }
        }
    }
}
