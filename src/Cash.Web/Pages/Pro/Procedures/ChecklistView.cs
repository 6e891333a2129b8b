using Cash.Web.Domain.Procedures;

namespace Cash.Web.Pages.Pro.Procedures;

/// <summary>A checklist as the situation's pages show it: its procedure, its version and its steps with their due days.</summary>
public sealed record ChecklistView(
    Guid Id,
    string Title,
    string Intro,
    int VersionNumber,
    DateTimeOffset StartedAt,
    string StartedByService,
    IReadOnlyList<StepView> Steps)
{
    public int LateCount => Steps.Count(s => s.IsLate);
}

/// <summary>One step: what the procedure says (in the reader's language) and how it was recorded; <see cref="Text"/> is the note or reason, null when it cannot be read.</summary>
public sealed record StepView(
    Guid Id,
    int Position,
    string Title,
    string Guidance,
    string Record,
    StepActor Actor,
    int? DeadlineDays,
    DeadlineStart DeadlineFrom,
    string? AfterStepTitle,
    DateOnly? DueOn,
    bool IsLate,
    ChecklistStepStatus Status,
    DateOnly? DoneOn,
    string? Text,
    bool Unreadable);
