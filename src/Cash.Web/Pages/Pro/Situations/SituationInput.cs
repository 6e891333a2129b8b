using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Situations;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// What the forms of a situation send (<c>_SituationFields.cshtml</c>): opening it asks for all of
/// it, editing its details for everything but the channel and the severity (which changes with a
/// reason, on the situation's page). Choices are enums, bound strictly (<see cref="StrictEnums"/>).
/// </summary>
[MessagesFrom(typeof(SituationTexts))]
public sealed class SituationInput
{
    /// <summary>The value of <see cref="School"/> for "outside school".</summary>
    public const string OutsideSchool = "dehors";

    /// <summary>How it reached the service; checked by the opening page only.</summary>
    public SituationChannel? Channel { get; set; }

    /// <summary>A school id, <see cref="OutsideSchool"/>, or empty for "not known".</summary>
    public string? School { get; set; }

    [MaxTrimmedLength(Situation.MaxClassLength, ErrorMessage = "Form.Class.TooLong")]
    public string? ClassName { get; set; }

    public BullyingForm Forms { get; set; }

    [ModelBinder(typeof(PageWrittenValueModelBinder))]
    public bool Online { get; set; }

    public Duration Since { get; set; } = Duration.Unknown;

    /// <summary>Checked by the opening page only.</summary>
    public Severity? Severity { get; set; }

    [Required(ErrorMessage = "Form.Summary.Required")]
    [MaxTrimmedLength(Situation.MaxTextLength, ErrorMessage = "Form.Summary.TooLong")]
    public string? Summary { get; set; }

    /// <summary>
    /// Where it happens, checked against the schools offered (<paramref name="current"/>, the
    /// situation's own school, is kept even once deactivated): the school and whether it is outside
    /// school, or null with the errors in <paramref name="state"/>. A class needs a school.
    /// </summary>
    public (int? SchoolId, bool Outside)? CheckPlace(ModelStateDictionary state, IReadOnlyList<SchoolChoice> schools, int? current, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schools);
        ArgumentNullException.ThrowIfNull(text);
        (bool Valid, int? SchoolId, bool Outside) place = School switch
        {
            null or "" => (true, null, false),
            OutsideSchool => (true, null, true),
            var value when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (id == current || schools.Any(s => s.Id == id)) => (true, id, false),
            _ => (false, null, false),
        };
        if (!place.Valid)
        {
            state.AddModelError("Input.School", text["Form.School.Unknown"]);
            return null;
        }

        if (place.SchoolId is null && !string.IsNullOrWhiteSpace(ClassName))
        {
            state.AddModelError("Input.ClassName", text["Form.Class.NeedsSchool"]);
            return null;
        }

        return (place.SchoolId, place.Outside);
    }

    /// <summary>The form's value for a situation's place: its school, outside school, or not known.</summary>
    public static string SchoolValue(int? schoolId, bool outside) =>
        schoolId?.ToString(CultureInfo.InvariantCulture) ?? (outside ? OutsideSchool : "");

    /// <summary>The class as stored: trimmed, or none.</summary>
    public string? TrimmedClass => string.IsNullOrWhiteSpace(ClassName) ? null : ClassName.Trim();
}

/// <summary>The shared fields' partial: the form's input, the schools offered, and what to show.</summary>
/// <param name="Schools">The active schools, plus the situation's own if it was deactivated since.</param>
public sealed record SituationFields(SituationInput Input, IReadOnlyList<SchoolChoice> Schools);
