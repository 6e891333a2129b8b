using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Meetings;
using Cash.Web.Forms;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Meetings;

/// <summary>
/// What the meeting form sends (new and edit): the kind, a title that names no one, a Brussels day
/// with a start and an end time, a place or an https video link, and the services invited.
/// </summary>
[MessagesFrom(typeof(MeetingTexts))]
public sealed class MeetingInput
{
    private static readonly string[] DayFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'"];

    [Required(ErrorMessage = "Form.Kind.Required")]
    public MeetingKind? Kind { get; set; }

    [Required(ErrorMessage = "Form.Title.Required")]
    [MaxTrimmedLength(Meeting.MaxTitleLength, ErrorMessage = "Form.Title.TooLong")]
    public string? Title { get; set; }

    /// <summary>The Brussels day, as typed (yyyy-mm-dd from a date field, or dd/mm/yyyy).</summary>
    [Required(ErrorMessage = "Form.Day.Required")]
    public string? Day { get; set; }

    /// <summary>Brussels time, as typed (14:30).</summary>
    [Required(ErrorMessage = "Form.Start.Required")]
    public string? Start { get; set; }

    [Required(ErrorMessage = "Form.End.Required")]
    public string? End { get; set; }

    [MaxTrimmedLength(Meeting.MaxPlaceLength, ErrorMessage = "Form.Place.TooLong")]
    public string? Place { get; set; }

    [MaxTrimmedLength(Meeting.MaxLinkLength, ErrorMessage = "Form.VideoLink.TooLong")]
    public string? VideoLink { get; set; }

    /// <summary>The services invited, by id.</summary>
    public List<int> Services { get; set; } = [];

    /// <summary>The meeting's version the form was shown with (edit only).</summary>
    public int Version { get; set; }

    public static MeetingInput From(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var start = Brussels.TimeOf(meeting.StartsAt);
        var end = Brussels.TimeOf(meeting.EndsAt);
        return new MeetingInput
        {
            Kind = meeting.Kind,
            Title = meeting.Title,
            Day = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Start = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            End = end.ToString("HH:mm", CultureInfo.InvariantCulture),
            Place = meeting.Place,
            VideoLink = meeting.VideoLink,
            Services = [.. meeting.Services.Select(s => s.PartnerServiceId)],
            Version = meeting.Version,
        };
    }

    /// <summary>
    /// The checked values, or null with the errors in <paramref name="state"/>: a real day and times
    /// that exist in Brussels that day, an end after the start, a place or an https link, at least one
    /// service among <paramref name="services"/>.
    /// </summary>
    public Checked? Check(ModelStateDictionary state, IReadOnlyCollection<int> services, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(text);
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(Day))
        {
            if (DateOnly.TryParseExact(Day.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year >= 2000)
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
        DateTimeOffset? startsAt = null;
        DateTimeOffset? endsAt = null;
        if (day is { } d && start is { } s && end is { } e)
        {
            startsAt = At(d, s);
            endsAt = At(d, e);
            if (startsAt is null)
            {
                state.AddModelError("Input.Start", text["Form.Time.Skipped"]);
            }
            else if (endsAt is null)
            {
                state.AddModelError("Input.End", text["Form.Time.Skipped"]);
            }
            else if (endsAt <= startsAt)
            {
                state.AddModelError("Input.End", text["Form.End.BeforeStart"]);
            }
        }

        Uri? link = null;
        if (!string.IsNullOrWhiteSpace(VideoLink))
        {
            if (Uri.TryCreate(VideoLink.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host) && string.IsNullOrEmpty(uri.UserInfo))
            {
                link = uri;
            }
            else
            {
                state.AddModelError("Input.VideoLink", text["Form.VideoLink.Invalid"]);
            }
        }

        if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(VideoLink))
        {
            state.AddModelError("Input.Place", text["Form.Place.Required"]);
        }

        if (Services.Count == 0)
        {
            state.AddModelError("Input.Services", text["Form.Services.Required"]);
        }
        else if (Services.Any(id => !services.Contains(id)))
        {
            state.AddModelError("Input.Services", text["Form.Services.Unknown"]);
        }

        return state.IsValid && startsAt is { } from && endsAt is { } to
            ? new Checked(Kind!.Value, Title!.Trim(), from, to, string.IsNullOrWhiteSpace(Place) ? null : Place.Trim(), link, [.. Services.Distinct()])
            : null;
    }

    /// <summary>The UTC instant of a Brussels day and time; null when the clock skips that time (the spring change).</summary>
    public static DateTimeOffset? At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return Brussels.Zone.IsInvalidTime(local) ? null : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Brussels.Zone), TimeSpan.Zero);
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

    public sealed record Checked(MeetingKind Kind, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, Uri? VideoLink, IReadOnlyCollection<int> Services);
}

/// <summary>The form's fields partial: the input and the services offered (id, name).</summary>
public sealed record MeetingFields(MeetingInput Input, IReadOnlyList<(int Id, string Name)> Services);
