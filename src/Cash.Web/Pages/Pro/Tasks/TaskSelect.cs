namespace Cash.Web.Pages.Pro.Tasks;

/// <summary>A select of the task pages (<c>_Select.cshtml</c>): its name, label, hint, empty choice, options and value.</summary>
public sealed record TaskSelect(string Name, string Label, string? Hint, string? Empty, IReadOnlyList<(string Value, string Label)> Options, string? Selected);
