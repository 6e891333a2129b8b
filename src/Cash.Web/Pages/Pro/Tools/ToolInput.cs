using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Domain.Tools;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>
/// A tool's description (<c>_ToolFields.cshtml</c>): adding a tool and editing it send the same
/// fields. The ages are read as typed, so whatever was typed comes back on an error.
/// </summary>
[MessagesFrom(typeof(ToolTexts))]
public sealed class ToolInput
{
    [Required(ErrorMessage = "Form.Name.Required")]
    [MaxTrimmedLength(Tool.MaxNameLength, ErrorMessage = "Form.Name.TooLong")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Form.Kind.Required")]
    public ToolKind? Kind { get; set; }

    [MaxTrimmedLength(Tool.MaxDescriptionLength, ErrorMessage = "Form.Description.TooLong")]
    public string? Description { get; set; }

    public ToolAudience Audience { get; set; }

    public string? AgeFrom { get; set; }

    public string? AgeTo { get; set; }

    [MaxTrimmedLength(Tool.MaxDurationLength, ErrorMessage = "Form.Duration.TooLong")]
    public string? Duration { get; set; }

    [ModelBinder(typeof(PageWrittenValueModelBinder))]
    public bool IsKit { get; set; }

    /// <summary>The ages as numbers, or false with the errors in <paramref name="state"/>: whole years between the bounds, the second not below the first; an audience chosen.</summary>
    public bool Check(ModelStateDictionary state, IStringLocalizer text, out int? ageFrom, out int? ageTo)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(text);
        ageFrom = ReadAge(AgeFrom, "Input.AgeFrom", state, text);
        ageTo = ReadAge(AgeTo, "Input.AgeTo", state, text);
        if (ageFrom is { } from && ageTo is { } to && to < from)
        {
            state.AddModelError("Input.AgeTo", text["Form.AgeTo.BeforeFrom"]);
        }

        if (Audience == ToolAudience.None)
        {
            state.AddModelError("Input.Audience", text["Form.Audience.Required"]);
        }

        return state.IsValid;
    }

    public static ToolInput Of(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return new ToolInput
        {
            Name = tool.Name,
            Kind = tool.Kind,
            Description = tool.Description,
            Audience = tool.Audience,
            AgeFrom = tool.AgeFrom?.ToString(CultureInfo.InvariantCulture),
            AgeTo = tool.AgeTo?.ToString(CultureInfo.InvariantCulture),
            Duration = tool.Duration,
            IsKit = tool.IsKit,
        };
    }

    private static int? ReadAge(string? value, string field, ModelStateDictionary state, IStringLocalizer text)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var age) && age is >= Tool.MinAge and <= Tool.MaxAge)
        {
            return age;
        }

        state.AddModelError(field, text["Form.Age.Invalid", Tool.MinAge, Tool.MaxAge]);
        return null;
    }
}

/// <summary>The shared fields' partial: the form's input.</summary>
public sealed record ToolFields(ToolInput Input);
