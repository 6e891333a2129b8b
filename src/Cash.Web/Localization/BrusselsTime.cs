using System.Globalization;
using Cash.Web.Domain.Calendar;

namespace Cash.Web.Localization;

/// <summary>Times are stored in UTC and shown as a person in Mouscron reads a clock.</summary>
public static class BrusselsTime
{
    public static DateTimeOffset From(DateTimeOffset utc) => Brussels.TimeOf(utc);

    /// <summary>Short date and time in the current culture, e.g. <c>26/11/2026 14:05</c>.</summary>
    public static string Format(DateTimeOffset utc) => From(utc).ToString("g", CultureInfo.CurrentCulture);
}
