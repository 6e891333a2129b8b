using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Cash.Web.Forms;

/// <summary>
/// A day typed in a text field: the browser's date field sends <c>yyyy-MM-dd</c>, a person typing
/// by hand writes <c>dd/MM/yyyy</c>. One reading for every form that asks for a past day.
/// </summary>
public static class TypedDays
{
    /// <summary>Nothing the network records happened before this day.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    private static readonly string[] Formats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    public static bool TryParse(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>
    /// The past day typed in <paramref name="field"/>, or null: empty (its [Required] speaks), or with a
    /// field error from <paramref name="messages"/> when it is not a day, after <paramref name="today"/>,
    /// or before <see cref="Earliest"/>.
    /// </summary>
    public static DateOnly? ReadPastDay(this ModelStateDictionary modelState, string? value, string field, DateOnly today, PastDayMessages messages)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(messages);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var error = !TryParse(value, out var day) ? messages.Invalid
            : day > today ? messages.Future
            : day < Earliest ? messages.TooOld
            : null;
        if (error is not null)
        {
            modelState.AddModelError(field, error);
            return null;
        }

        return day;
    }
}

/// <summary>What a form says of a past day that is not one, in the future, or too old (already localized).</summary>
public sealed record PastDayMessages(string Invalid, string Future, string TooOld);
