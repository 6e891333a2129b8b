using System.ComponentModel.DataAnnotations;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Tasks;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Cash.Web.Tasks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tasks;

/// <summary>A new task: title, service, optionally a member of it, and its due day.</summary>
[MessagesFrom(typeof(TaskTexts))]
public sealed class NewTaskInput : IDueInput
{
    [Required(ErrorMessage = "Task.Title.Required")]
    [MaxTrimmedLength(WorkTask.MaxTitleLength, ErrorMessage = "Task.Title.TooLong")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Task.Service.Required")]
    public int? ServiceId { get; set; }

    public Guid? AssigneeId { get; set; }

    [Required(ErrorMessage = "Task.Due.Required")]
    public TaskDueKind? Due { get; set; }

    public string? DueOn { get; set; }

    public int? WorkingDays { get; set; }
}

/// <summary>Planning a task again: who, and by when.</summary>
[MessagesFrom(typeof(TaskTexts))]
public sealed class PlanInput : IDueInput
{
    public Guid? AssigneeId { get; set; }

    [Required(ErrorMessage = "Task.Due.Required")]
    public TaskDueKind? Due { get; set; }

    public string? DueOn { get; set; }

    public int? WorkingDays { get; set; }

    public int Version { get; set; }
}

[MessagesFrom(typeof(TaskTexts))]
public sealed class CancelInput
{
    [Required(ErrorMessage = "Task.Reason.Required")]
    [MaxTrimmedLength(WorkTask.MaxReasonLength, ErrorMessage = "Task.Reason.TooLong")]
    public string? Reason { get; set; }

    public int Version { get; set; }
}

/// <summary>The due day of a form: a date, or "within N working days".</summary>
public interface IDueInput
{
    TaskDueKind? Due { get; }

    string? DueOn { get; }

    int? WorkingDays { get; }
}

public static class DueReading
{
    /// <summary>
    /// The day the form asks for, counted from <paramref name="today"/> (Brussels), or null with a
    /// field error under <paramref name="prefix"/>: a real date not in the past, or 0 to
    /// <see cref="TaskDueDays.MaxWorkingDays"/> working days.
    /// </summary>
    public static DateOnly? Read(IDueInput input, string prefix, DateOnly today, ModelStateDictionary state, IStringLocalizer<TaskTexts> text)
    {
        switch (input.Due)
        {
            case TaskDueKind.Date:
                var dateField = $"{prefix}.{nameof(IDueInput.DueOn)}";
                if (string.IsNullOrWhiteSpace(input.DueOn))
                {
                    state.AddModelError(dateField, text["Task.DueOn.Required"]);
                }
                else if (!TaskDueDays.TryParse(input.DueOn, out var day))
                {
                    state.AddModelError(dateField, text["Task.DueOn.Invalid"]);
                }
                else if (day < today)
                {
                    state.AddModelError(dateField, text["Task.DueOn.Past"]);
                }
                else
                {
                    return day;
                }

                return null;
            case TaskDueKind.WorkingDays:
                var daysField = $"{prefix}.{nameof(IDueInput.WorkingDays)}";
                if (state.TryGetValue(daysField, out var entry) && entry.Errors.Count > 0)
                {
                    // The binder said it was not a number.
                    return null;
                }

                if (input.WorkingDays is not { } days)
                {
                    state.AddModelError(daysField, text["Task.WorkingDays.Required"]);
                    return null;
                }

                if (days is < 0 or > TaskDueDays.MaxWorkingDays)
                {
                    state.AddModelError(daysField, text["Task.WorkingDays.Range", TaskDueDays.MaxWorkingDays]);
                    return null;
                }

                return WorkTask.DueAfterWorkingDays(today, days);
            default:
                return null;
        }
    }

    public static DateOnly Today(TimeProvider clock) => Brussels.DayOf(clock.GetUtcNow());
}
