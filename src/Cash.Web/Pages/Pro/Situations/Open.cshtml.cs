using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Situations;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Cash.Web.Situations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Situations;

/// <summary>
/// Opens a situation for the viewer's service, which becomes its lead service: directly, for what
/// came by phone, at a desk, by e-mail, from a school or the police (the channel is recorded), or
/// from a help request the viewer may open (<c>?demande=</c>): prefilled with what the request
/// says, and linked to it; the request and its sender's thread stay as they are. Only a member of a
/// service opens one: a coordinator or an administrator without a service is refused.
/// </summary>
public sealed class OpenModel(
    CashDbContext db,
    IAuthorizationService authorization,
    SituationContent content,
    ActiveSchools activeSchools,
    TimeProvider clock,
    IStringLocalizer<SituationTexts> text) : PageModel
{
    /// <summary>References are drawn again on the rare collision with an existing one.</summary>
    private const int MaxReferenceAttempts = 5;

    /// <summary>The channels a professional chooses from; a help request's is set by opening from it.</summary>
    public static readonly IReadOnlyList<SituationChannel> Channels = [.. Enum.GetValues<SituationChannel>().Where(c => c != SituationChannel.HelpRequest)];

    [BindProperty(SupportsGet = true, Name = "demande")]
    public Guid? RequestId { get; set; }

    [BindProperty]
    public SituationInput Input { get; set; } = new();

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    /// <summary>The help request it is opened from, when it is.</summary>
    public HelpRequest? FromRequest { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is null)
        {
            return Forbid();
        }

        if (RequestId is { } requestId)
        {
            FromRequest = await FindRequestAsync(requestId, cancellationToken);
            if (FromRequest is null)
            {
                return NotFound();
            }

            if (await OpenedAlreadyAsync(requestId, cancellationToken) is { } existing)
            {
                return RedirectToPage("Details", new { id = existing });
            }

            // What the request says about where, what and since when; never its text, which stays in the request.
            Input = new SituationInput
            {
                School = SituationInput.SchoolValue(FromRequest.SchoolId, outside: false),
                Forms = FromRequest.Forms,
                Online = FromRequest.HappensOnline,
                Since = FromRequest.Since,
            };
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.ServiceId() is not { } serviceId || User.ProfessionalId() is not { } professionalId)
        {
            return Forbid();
        }

        if (RequestId is { } requestId)
        {
            FromRequest = await FindRequestAsync(requestId, cancellationToken);
            if (FromRequest is null)
            {
                return NotFound();
            }

            // A double click, or a second tab: the situation exists, go to it rather than open another.
            if (await OpenedAlreadyAsync(requestId, cancellationToken) is { } existing)
            {
                return RedirectToPage("Details", new { id = existing });
            }
        }

        Schools = await activeSchools.GetAsync(cancellationToken);
        // A help request's channel comes with the request only.
        if (FromRequest is null && (Input.Channel is null || Input.Channel == SituationChannel.HelpRequest))
        {
            ModelState.AddModelError("Input.Channel", text["Open.Channel.Required"]);
        }

        var place = Input.CheckPlace(ModelState, Schools, current: null, text);
        if (Input.Severity is null)
        {
            ModelState.AddModelError("Input.Severity", text["Open.Severity.Required"]);
        }

        if (!ModelState.IsValid || place is not { } where || Input.Severity is not { } severity)
        {
            return await ShowAsync(cancellationToken);
        }

        var channel = FromRequest is null ? Input.Channel!.Value : SituationChannel.HelpRequest;
        var at = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var situation = new Situation(Guid.CreateVersion7(), SituationReferences.New(), serviceId, professionalId, channel, severity, at)
            {
                SchoolId = where.SchoolId,
                OutsideSchool = where.Outside,
                ClassName = Input.TrimmedClass,
                Forms = Input.Forms,
                HappensOnline = Input.Online,
                Since = Input.Since,
            };
            if (FromRequest is not null)
            {
                situation.OpenedFrom(FromRequest.Id);
            }

            situation.Summary = await content.SealSummaryAsync(situation, Input.Summary!.Trim(), cancellationToken);
            db.Situations.Add(situation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return RedirectToPage("Details", new { id = situation.Id, fait = "ouverte" });
            }
            catch (DbUpdateException duplicate) when (attempt < MaxReferenceAttempts && DatabaseErrors.IsDuplicate(duplicate, "Situations", nameof(Situation.Reference)))
            {
                // One chance in a billion per existing situation: draw another reference.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The help request, if the viewer may open it; otherwise it does not exist for them.</summary>
    private async Task<HelpRequest?> FindRequestAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is not null && (await authorization.AuthorizeAsync(User, request, HelpRequestOperations.View)).Succeeded ? request : null;
    }

    /// <summary>The situation already opened from the request that the viewer may see, if any.</summary>
    private async Task<Guid?> OpenedAlreadyAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Situations.AsNoTracking()
            .Allowing(SituationAccess.Rule, User, SituationOperations.ViewMetadata)
            .Where(s => s.HelpRequestId == requestId)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "situations";
        if (Schools.Count == 0)
        {
            Schools = await activeSchools.GetAsync(cancellationToken);
        }

        return Page();
    }
}
