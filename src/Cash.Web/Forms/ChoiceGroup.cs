namespace Cash.Web.Forms;

/// <summary>
/// A group of radios or checkboxes in a fieldset (<c>Pages/Shared/_ChoiceGroup.cshtml</c>, the one
/// partial for every choice on the site): its legend — the page's heading when the page asks one
/// question —, hint and error; the first input carries the field's id (<c>Input_Role</c>) so the
/// error summary's link lands on it.
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

    /// <summary>The id of one input: the field's own for the first, then one per value (an empty value reads "any").</summary>
    public string InputId(int index) =>
        index == 0 ? Id : $"{Id}-{(Choices[index].Value.Length == 0 ? "any" : Choices[index].Value)}";

    /// <summary>One choice per declared value of <typeparamref name="TEnum"/> ("None" of a [Flags] enum left out), labelled by <paramref name="label"/>.</summary>
    public static List<Choice> Of<TEnum>(Func<TEnum, string> label, Func<TEnum, string?>? hint = null)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(label);
        var flags = StrictEnums.IsFlags(typeof(TEnum));
        return [.. Enum.GetValues<TEnum>()
            .Where(v => !flags || Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .Select(v => new Choice(v.ToString(), label(v), hint?.Invoke(v)))];
    }
}

/// <summary>One radio or checkbox: its value, label and optional hint.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);
