namespace Cash.Web.Pages.Orientation;

/// <summary>
/// A question answered with radios or checkboxes: a fieldset whose legend may be the page's heading
/// (one question per page), its hint and error; the first input carries the field's id so the
/// error summary's link lands on it.
/// </summary>
public sealed record OrientationChoices(
    string Name,
    string Legend,
    string? Hint,
    bool Multiple,
    IReadOnlyList<OrientationChoice> Choices,
    IReadOnlyCollection<string> Selected,
    string? Error,
    bool LegendIsHeading);

/// <summary>One radio or checkbox: its value, label and optional hint.</summary>
public sealed record OrientationChoice(string Value, string Label, string? Hint = null);
