using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Domain.Interventions;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Interventions;

/// <summary>
/// Where, when and how (<c>_InterventionFields.cshtml</c>): creating an intervention and editing its
/// plan send the same fields. The day and the times are read as typed (a date field, or dd/mm/yyyy;
/// hh:mm), so whatever was typed comes back on an error.
/// </summary>
[MessagesFrom(typeof(InterventionTexts))]
public sealed class InterventionInput
{
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'"];

    [Required(ErrorMessage = "Form.School.Required")]
    public string? School { get; set; }

    [MaxTrimmedLength(Intervention.MaxClassesLength, ErrorMessage = "Form.Classes.TooLong")]
    public string? Classes { get; set; }

    [Required(ErrorMessage = "Form.Day.Required")]
    public string? Day { get; set; }

    [Required(ErrorMessage = "Form.Start.Required")]
    public string? Start { get; set; }

    [Required(ErrorMessage = "Form.End.Required")]
    public string? End { get; set; }

    [MaxTrimmedLength(Intervention.MaxToolLength, ErrorMessage = "Form.Tool.TooLong")]
    public string? Tool { get; set; }

    [MaxTrimmedLength(Intervention.MaxTextLength, ErrorMessage = "Form.Plan.TooLong")]
    public string? Plan { get; set; }

    /// <summary>
    /// The values as the intervention takes them, or null with the errors in <paramref name="state"/>:
    /// a school offered (or <paramref name="current"/>, kept once deactivated), a real day, a start
    /// and an end that follows it.
    /// </summary>
    public Checked? Check(ModelStateDictionary state, IReadOnlyList<SchoolChoice> schools, int? current, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schools);
        ArgumentNullException.ThrowIfNull(text);
        int? schoolId = null;
        if (!string.IsNullOrEmpty(School))
        {
            if (int.TryParse(School, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (id == current || schools.Any(s => s.Id == id)))
            {
                schoolId = id;
            }
            else
            {
                state.AddModelError("Input.School", text["Form.School.Unknown"]);
            }
        }

        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(Day))
        {
            if (DateOnly.TryParseExact(Day.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year >= 2000 && parsed.Year <= 2100)
            {
                day = parsed;
            }
            else
            {
                state.AddModelError("Input.Day", text["Form.Day.Invalid"]);
            }
        }

        var start = ReadTime(Start, "Input.Start", state, text);
        var end = ReadTime(End, "Input.End", state, text);
        if (start is { } s && end is { } e && e <= s)
        {
            state.AddModelError("Input.End", text["Form.End.BeforeStart"]);
            return null;
        }

        return state.IsValid && schoolId is { } school && day is { } d && start is { } from && end is { } to
            ? new Checked(school, d, from, to)
            : null;
    }

    /// <summary>The form's values for an intervention as it is.</summary>
    public static InterventionInput Of(Intervention intervention, string? plan)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        var start = Domain.Calendar.Brussels.TimeOf(intervention.StartsAt);
        var end = Domain.Calendar.Brussels.TimeOf(intervention.EndsAt);
        return new InterventionInput
        {
            School = intervention.SchoolId.ToString(CultureInfo.InvariantCulture),
            Classes = intervention.Classes,
            Day = intervention.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Start = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            End = end.ToString("HH:mm", CultureInfo.InvariantCulture),
            Tool = intervention.Tool,
            Plan = plan,
        };
    }

    private static TimeOnly? ReadTime(string? value, string field, ModelStateDictionary state, IStringLocalizer text)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (TimeOnly.TryParseExact(value.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        state.AddModelError(field, text["Form.Time.Invalid"]);
        return null;
    }

    /// <summary>What the form says, checked.</summary>
    public sealed record Checked(int SchoolId, DateOnly Day, TimeOnly Start, TimeOnly End);
}

/// <summary>The shared fields' partial: the form's input and the schools offered.</summary>
public sealed record InterventionFields(InterventionInput Input, IReadOnlyList<SchoolChoice> Schools);
