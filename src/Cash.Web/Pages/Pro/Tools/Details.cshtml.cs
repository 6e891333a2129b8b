using System.ComponentModel.DataAnnotations;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Calendar;
using Cash.Web.Domain.Tools;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.Meetings;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Tools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Tools;

/// <summary>
/// One tool of the library: its description (Markdown through the one sanitizing renderer), its
/// files, where it was used and, for a physical kit, its bookings. A member of any service books the
/// kit for their service here; two bookings of one kit never share a day (the later one is refused
/// with the dates taken, <see cref="ToolBookings"/>); the booking service, the owning service or a
/// coordinator cancels a booking.
/// </summary>
public sealed class DetailsModel(
    CashDbContext db,
    IAuthorizationService authorization,
    ToolBookings bookings,
    IEnumerable<IToolUsageSource> usageSources,
    MinutesRenderer renderer,
    PartnerDirectoryCache directory,
    TimeProvider clock,
    IStringLocalizer<ToolTexts> text) : PageModel
{
    public BookingInput Booking { get; private set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Tool Item { get; private set; } = null!;

    public string Owner { get; private set; } = "";

    public string DescriptionHtml { get; private set; } = "";

    public bool MayEdit { get; private set; }

    public bool MayBook { get; private set; }

    public IReadOnlyList<FileRow> Files { get; private set; } = [];

    public IReadOnlyList<BookingRow> Bookings { get; private set; } = [];

    public IReadOnlyList<ToolUse> Uses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        return tool is null ? NotFound() : await ShowAsync(tool, cancellationToken);
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, [FromForm(Name = nameof(Booking))] BookingInput booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        Booking = booking;
        if (User.ServiceId() is not { } service || !(await authorization.AuthorizeAsync(User, tool, ToolOperations.Book)).Succeeded)
        {
            return NotFound();
        }

        var today = Brussels.DayOf(clock.GetUtcNow());
        if (!ModelState.IsValid || booking.Check(ModelState, today, text) is not { } dates)
        {
            return await ShowAsync(tool, cancellationToken);
        }

        var outcome = await bookings.BookAsync(tool.Id, service, dates.From, dates.Until, User.ProfessionalId()!.Value, cancellationToken);
        if (outcome.Conflict is { } taken)
        {
            var names = await directory.GetAsync(cancellationToken);
            ModelState.AddModelError("Booking.From", text["Book.Overlap", Day(taken.From), Day(taken.Until), names.NameOf(taken.ServiceId, CashCultures.CurrentLanguage) ?? ""]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            db.ChangeTracker.Clear();
            return await ShowAsync((await FindAsync(id, cancellationToken))!, cancellationToken);
        }

        return RedirectToPage(null, null, new { id, fait = "reserve" }, "bookings-title");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, [FromForm(Name = "Cancelling.Booking")] Guid bookingId, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        var booking = await db.ToolBookings.SingleOrDefaultAsync(b => b.Id == bookingId && b.ToolId == id, cancellationToken);
        if (booking is null || !(await authorization.AuthorizeAsync(User, booking, ToolOperations.Cancel)).Succeeded)
        {
            return NotFound();
        }

        tool.Cancel(booking, User.ProfessionalId()!.Value, clock.GetUtcNow());
        if (!await db.SavedUnlessChangedMeanwhileAsync(cancellationToken))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["ChangedMeanwhile"]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync((await FindAsync(id, cancellationToken))!, cancellationToken);
        }

        return RedirectToPage(null, null, new { id, fait = "annule" }, "bookings-title");
    }

    public async Task<IActionResult> OnPostRemoveFileAsync(Guid id, [FromForm(Name = "Removing.File")] Guid fileId, CancellationToken cancellationToken)
    {
        var tool = await FindAsync(id, cancellationToken);
        if (tool is null)
        {
            return NotFound();
        }

        var file = await db.ToolFiles.SingleOrDefaultAsync(f => f.Id == fileId && f.ToolId == id, cancellationToken);
        if (file is null || !(await authorization.AuthorizeAsync(User, file, ToolOperations.Edit)).Succeeded)
        {
            return NotFound();
        }

        // A tracked delete: the audit trail records it.
        db.ToolFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(null, null, new { id, fait = "fichier-retire" }, "files-title");
    }

    private static string Day(DateOnly day) => day.ToString("D", System.Globalization.CultureInfo.CurrentCulture);

    private async Task<Tool?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var tool = await db.Tools.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return tool is not null && (await authorization.AuthorizeAsync(User, tool, ToolOperations.View)).Succeeded ? tool : null;
    }

    private async Task<PageResult> ShowAsync(Tool tool, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "tools";
        Item = tool;
        var services = await directory.GetAsync(cancellationToken);
        var language = CashCultures.CurrentLanguage;
        Owner = services.NameOf(tool.OwnerServiceId, language) ?? "";
        DescriptionHtml = renderer.ToHtml(tool.Description);
        MayEdit = (await authorization.AuthorizeAsync(User, tool, ToolOperations.Edit)).Succeeded;
        MayBook = User.ServiceId() is not null && (await authorization.AuthorizeAsync(User, tool, ToolOperations.Book)).Succeeded;

        // Never the contents here: a list of files would read megabytes.
        Files = await db.ToolFiles.AsNoTracking()
            .Where(f => f.ToolId == tool.Id)
            .Allowing(ToolFileAccess.Rule, User, ToolOperations.View)
            .OrderBy(f => f.Title).ThenBy(f => f.Id)
            .Select(f => new FileRow(f.Id, f.Title, f.Type, f.Length))
            .ToListAsync(cancellationToken);

        if (tool.IsKit)
        {
            var today = Brussels.DayOf(clock.GetUtcNow());
            var rows = await db.ToolBookings.AsNoTracking()
                .Where(b => b.ToolId == tool.Id && b.CancelledAt == null && b.Until > today)
                .Allowing(ToolBookingAccess.Rule, User, ToolOperations.View)
                .OrderBy(b => b.From).ThenBy(b => b.Id)
                .Select(b => new { b.Id, b.From, b.Until, b.ServiceId })
                .ToListAsync(cancellationToken);
            var cancellable = (await db.ToolBookings.AsNoTracking()
                .Where(b => b.ToolId == tool.Id && b.CancelledAt == null && b.Until > today)
                .Allowing(ToolBookingAccess.Rule, User, ToolOperations.Cancel)
                .Select(b => b.Id)
                .ToListAsync(cancellationToken)).ToHashSet();
            Bookings = [.. rows.Select(b => new BookingRow(b.Id, b.From, b.Until, services.NameOf(b.ServiceId, language) ?? "", cancellable.Contains(b.Id)))];
        }

        var uses = new List<ToolUse>();
        foreach (var source in usageSources)
        {
            uses.AddRange(await source.UsesAsync(tool.Name, User, cancellationToken));
        }

        Uses = [.. uses.OrderByDescending(u => u.Day)];
        return Page();
    }

    public sealed record FileRow(Guid Id, string Title, ToolFileType Type, int Length);

    public sealed record BookingRow(Guid Id, DateOnly From, DateOnly Until, string Service, bool MayCancel);

    /// <summary>The days asked for a booking, read as typed (a date field, or dd/mm/yyyy), so they come back on an error.</summary>
    [MessagesFrom(typeof(ToolTexts))]
    public sealed class BookingInput
    {
        [Required(ErrorMessage = "Book.From.Required")]
        public string? From { get; set; }

        [Required(ErrorMessage = "Book.Until.Required")]
        public string? Until { get; set; }

        /// <summary>The days, or null with field errors: real days, from today on, the return after the start, at most <see cref="ToolBooking.MaxDays"/> days.</summary>
        public (DateOnly From, DateOnly Until)? Check(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, DateOnly today, IStringLocalizer text)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentNullException.ThrowIfNull(text);
            DateOnly? from = null, until = null;
            if (!TypedDays.TryParse(From, out var f) || f.Year > 2100)
            {
                state.AddModelError("Booking.From", text["Book.Day.Invalid"]);
            }
            else if (f < today)
            {
                state.AddModelError("Booking.From", text["Book.From.Past"]);
            }
            else
            {
                from = f;
            }

            if (!TypedDays.TryParse(Until, out var u) || u.Year > 2100)
            {
                state.AddModelError("Booking.Until", text["Book.Day.Invalid"]);
            }
            else
            {
                until = u;
            }

            if (from is { } start && until is { } end)
            {
                if (end <= start)
                {
                    state.AddModelError("Booking.Until", text["Book.Until.NotAfter"]);
                    return null;
                }

                if (end.DayNumber - start.DayNumber > ToolBooking.MaxDays)
                {
                    state.AddModelError("Booking.Until", text["Book.TooLong", ToolBooking.MaxDays]);
                    return null;
                }

                return (start, end);
            }

            return null;
        }
    }
}
