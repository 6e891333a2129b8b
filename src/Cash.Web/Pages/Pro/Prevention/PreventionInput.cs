using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Prevention;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Prevention;

/// <summary>
/// What recording an action and editing it send (<c>_ActionFields.cshtml</c>). The day and the number
/// reached are read as typed, so whatever was typed comes back on an error. The schools and
/// services offered are checked by the handler: one not offered is a field error, never a value.
/// </summary>
[MessagesFrom(typeof(PreventionTexts))]
public sealed class PreventionInput
{
    [Required(ErrorMessage = "Form.Kind.Required")]
    public PreventionKind? Kind { get; set; }

    public PreventionThemes Themes { get; set; }

    [Required(ErrorMessage = "Form.Day.Required")]
    public string? Day { get; set; }

    public List<int> Schools { get; set; } = [];

    [MaxTrimmedLength(PreventionAction.MaxClassesLength, ErrorMessage = "Form.Classes.TooLong")]
    public string? Classes { get; set; }

    [Required(ErrorMessage = "Form.Reached.Required")]
    public string? Reached { get; set; }

    public List<int> Services { get; set; } = [];

    [MaxTrimmedLength(PreventionAction.MaxToolNameLength, ErrorMessage = "Form.ToolName.TooLong")]
    public string? ToolName { get; set; }

    [MaxTrimmedLength(PreventionAction.MaxTextLength, ErrorMessage = "Form.Report.TooLong")]
    public string? Report { get; set; }

    [MaxTrimmedLength(PreventionAction.MaxTextLength, ErrorMessage = "Form.FollowUp.TooLong")]
    public string? FollowUp { get; set; }

    /// <summary>The values as the action takes them, or null with the errors in <paramref name="state"/>.</summary>
    public Checked? Check(ModelStateDictionary state, ActionChoices offered, DateOnly today, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(offered);
        ArgumentNullException.ThrowIfNull(text);
        if (Themes == PreventionThemes.None && state.GetFieldValidationState("Input.Themes") != ModelValidationState.Invalid)
        {
            state.AddModelError("Input.Themes", text["Form.Themes.Required"]);
        }

        var day = state.ReadPastDay(Day, "Input.Day", today, new PastDayMessages(text["Form.Day.Invalid"], text["Form.Day.Future"], text["Form.Day.TooOld"]));

        if (Schools.Count == 0)
        {
            state.AddModelError("Input.Schools", text["Form.Schools.Required"]);
        }
        else if (Schools.Any(id => !offered.Schools.Any(s => s.Value == Value(id))))
        {
            state.AddModelError("Input.Schools", text["Form.Schools.Unknown"]);
        }

        int? reached = null;
        if (!string.IsNullOrWhiteSpace(Reached))
        {
            if (int.TryParse(Reached.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= PreventionAction.MaxReached)
            {
                reached = number;
            }
            else
            {
                state.AddModelError("Input.Reached", text["Form.Reached.Invalid", PreventionAction.MaxReached]);
            }
        }

        if (Services.Any(id => id != offered.AlwaysService && !offered.Services.Any(s => s.Value == Value(id))))
        {
            state.AddModelError("Input.Services", text["Form.Services.Unknown"]);
        }

        return state.IsValid && Kind is { } kind && day is { } d && reached is { } r
            ? new Checked(kind, d, r)
            : null;
    }

    /// <summary>The form's values for an action as it is.</summary>
    public static PreventionInput Of(PreventionAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new PreventionInput
        {
            Kind = action.Kind,
            Themes = action.Themes,
            Day = action.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Schools = [.. action.Schools.Select(s => s.SchoolId)],
            Classes = action.Classes,
            Reached = action.Reached.ToString(CultureInfo.InvariantCulture),
            Services = [.. action.Services.Select(s => s.PartnerServiceId)],
            ToolName = action.ToolName,
            Report = action.Report,
            FollowUp = action.FollowUp,
        };
    }

    public static string Value(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the form says, checked.</summary>
    public sealed record Checked(PreventionKind Kind, DateOnly Day, int Reached);
}

/// <summary>
/// The schools and services a form offers: the active schools (and the action's own, kept once
/// deactivated), the other services; the recording service runs it whatever is ticked, so it is named, not offered.
/// </summary>
public sealed record ActionChoices(IReadOnlyList<Choice> Schools, IReadOnlyList<Choice> Services, int? AlwaysService, string? AlwaysServiceName)
{
    public static async Task<ActionChoices> LoadAsync(CashDbContext db, ActiveSchools activeSchools, PartnerDirectoryCache directory, PreventionAction? action, int? recordingService, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(activeSchools);
        ArgumentNullException.ThrowIfNull(directory);
        var active = await activeSchools.GetAsync(cancellationToken);
        var own = action is null ? [] : action.Schools.Select(s => s.SchoolId).Where(id => !active.Any(a => a.Id == id)).ToList();
        var inactive = own.Count == 0 ? [] : await db.Schools.AsNoTracking().Where(s => own.Contains(s.Id)).Select(s => new SchoolChoice(s.Id, s.Name, s.PmsServiceId)).ToListAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        var services = await directory.GetAsync(cancellationToken);
        return new ActionChoices(
            [.. inactive.Concat(active).Select(s => new Choice(s.Value, s.Name))],
            [.. services.All(language).Where(s => s.Id != recordingService).Select(s => new Choice(PreventionInput.Value(s.Id), s.Name))],
            recordingService,
            services.NameOf(recordingService, language));
    }
}

/// <summary>The shared fields' partial: the form's input and its choices.</summary>
public sealed record ActionFields(PreventionInput Input, ActionChoices Choices);
