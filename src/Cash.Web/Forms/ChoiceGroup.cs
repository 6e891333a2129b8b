namespace Cash.Web.Forms;

/// <summary>
/// A group of radios or checkboxes in a fieldset with its legend, hint and error: the first input
/// carries the field's id (<c>Input_Role</c>) so the error summary's link lands on it.
/// </summary>
public sealed record ChoiceGroup(
    string Name,
    string Legend,
    string? Hint,
    bool Multiple,
    IReadOnlyList<Choice> Choices,
    IReadOnlyCollection<string> Selected,
    string? Error,
    bool LegendIsHeading = false)
{
    public string Id => Name.Replace('.', '_');
}

/// <summary>One radio or checkbox: its value, label and optional hint.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);
