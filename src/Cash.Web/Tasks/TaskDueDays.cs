using System.Globalization;

namespace Cash.Web.Tasks;

/// <summary>How a task form gives the due day: a date, or "within N working days" counted from today in Brussels.</summary>
public enum TaskDueKind
{
    Date,
    WorkingDays,
}

/// <summary>Reading the due day a task form was given (the form and the re-planning share it).</summary>
public static class TaskDueDays
{
    /// <summary>"Within N working days" goes up to this: about three months.</summary>
    public const int MaxWorkingDays = 60;

    private static readonly string[] Formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>A day typed as a date field sends it (yyyy-mm-dd) or as people write it (dd/mm/yyyy).</summary>
    public static bool TryParse(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
