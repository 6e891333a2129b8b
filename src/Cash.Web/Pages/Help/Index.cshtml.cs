using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Operations;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Cash.Web.Pages.Help;

/// <summary>
/// The help request form (/aide): to one service, or to CASH's triage ("orientez-moi"). Anonymous
/// by default: the answer is read with the receipt code shown once, after the request is committed.
/// Nothing about the sender's connection is stored; the free text and the contact are encrypted.
/// </summary>
[AllowAnonymous]
[FormTemplate]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class RequestFormModel(
    CashDbContext db,
    HelpRequestSubmitter submitter,
    SubmissionLimiter limiter,
    TimeProvider clock,
    IOptions<HelpOptions> options,
    PartnerDirectoryCache directory,
    ActiveSchools activeSchools,
    IStringLocalizer<Portal> text) : PageModel
{
    public const int MaxTextLength = HelpRequest.MaxTextLength;
    public const int MaxContactLength = 254;
    public const string OutsideSchool = "dehors";

    private bool choicesRead;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ServiceName> Services { get; private set; } = [];

    public IReadOnlyList<SchoolChoice> Schools { get; private set; } = [];

    /// <summary>Set once the request is committed: the page shows the receipt instead of the form.</summary>
    public ReceiptView? Receipt { get; private set; }

    /// <summary>The form was sent before, too long ago to show its code again.</summary>
    public bool AlreadySent { get; private set; }

    /// <summary>Why the form is shown again without a field error: too many requests, or the database did not answer.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "service")] string? service,
        [FromQuery(Name = "qui")] string? role,
        [FromQuery(Name = "formes")] string? forms,
        [FromQuery(Name = "enligne")] string? online,
        [FromQuery(Name = "ecole")] string? school,
        [FromQuery(Name = "souhaits")] string? wishes,
        CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);

        // Answers carried over from the orientation assistant; anything unknown is simply not preselected.
        Input = new InputModel
        {
            Service = Services.Any(s => s.Slug == service) ? service : null,
            Role = StrictEnums.Parse<SenderRole>(role),
            Forms = Flags<BullyingForm>(forms),
            Online = string.Equals(online, "true", StringComparison.OrdinalIgnoreCase),
            School = school == OutsideSchool || Schools.Any(s => s.Value == school) ? school : null,
            Wishes = Flags<HelpWish>(wishes),
            SubmissionKey = PerVisit.NewKey(HttpContext),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A forged key reads as none (see the binder on the property): a new one then.
        if (Input.SubmissionKey == Guid.Empty)
        {
            Input.SubmissionKey = Guid.NewGuid();
        }

        // Every database step, from reading the choices on, is inside: an outage at any of them gives
        // the form back with every word, never the bare error page.
        try
        {
            await LoadChoicesAsync(cancellationToken);

            // A double click or a resend after a network error: the request exists, show it again.
            if (await ShowSentAsync(cancellationToken))
            {
                return Page();
            }

            var draft = Validate();
            if (!ModelState.IsValid || draft is null)
            {
                return Page();
            }

            if (!limiter.TryAccept(Client))
            {
                Refusal = text["Help.Refused.TooMany"];
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = "600";
                return Page();
            }

            Receipt = await CreateAsync(draft, cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            // Nothing was committed (one transaction); the person keeps every word and tries again.
            db.ChangeTracker.Clear();
            if (!choicesRead)
            {
                RecallChoices();
            }

            Refusal = text["Help.Refused.Unavailable"];
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "30";
            return Page();
        }

        return Page();
    }

    private string Client => Cash.Web.Security.ClientAddress.PartitionKey(HttpContext);

    private async Task<bool> ShowSentAsync(CancellationToken cancellationToken)
    {
        var sent = await submitter.FindSentAsync(db.HelpRequests.AsNoTracking(), Input.SubmissionKey, cancellationToken);
        if (sent is null)
        {
            return false;
        }

        var code = clock.GetUtcNow() - sent.CreatedAt > TimeSpan.FromMinutes(options.Value.ReceiptReplayMinutes) ? null : submitter.CodeOf(sent, Input.SubmissionKey);
        if (code is null)
        {
            AlreadySent = true;
        }
        else
        {
            Receipt = new ReceiptView(code, ServiceName(sent.PartnerServiceId), sent.ReplyChannel);
        }

        return true;
    }

    private async Task<ReceiptView?> CreateAsync(HelpRequestContent content, CancellationToken cancellationToken)
    {
        var code = await submitter.SubmitAsync(Input.SubmissionKey, content, cancellationToken);
        if (code is null)
        {
            // The same form arrived twice at the same moment: the other one made the request.
            await ShowSentAsync(cancellationToken);
            return Receipt;
        }

        return new ReceiptView(code, ServiceName(content.ServiceId), content.Channel);
    }

    /// <summary>
    /// Checks what the attributes of <see cref="InputModel"/> cannot: the service and school against
    /// the database, the contact the chosen channel needs. Returns what to store, or null with the
    /// errors in ModelState.
    /// </summary>
    private HelpRequestContent? Validate()
    {
        var service = Services.FirstOrDefault(s => s.Slug == Input.Service);
        if (!string.IsNullOrEmpty(Input.Service) && service is null)
        {
            AddError(nameof(InputModel.Service), "Help.Service.Unknown");
        }

        var school = Input.School switch
        {
            null or "" or OutsideSchool => (int?)null,
            var value => Schools.FirstOrDefault(s => s.Value == value)?.Id,
        };
        if (Input.School is { Length: > 0 } chosen && chosen != OutsideSchool && school is null)
        {
            AddError(nameof(InputModel.School), "Help.School.Unknown");
        }

        var channel = Input.Channel;
        string? contact = null;
        if (channel == ReplyChannel.Email)
        {
            contact = Input.Email?.Trim();
            if (string.IsNullOrEmpty(contact))
            {
                AddError(nameof(InputModel.Email), "Help.Email.Required");
            }
            else if (contact.Length > MaxContactLength || !IsEmail(contact))
            {
                AddError(nameof(InputModel.Email), "Help.Email.Invalid");
            }
        }
        else if (channel == ReplyChannel.Phone)
        {
            contact = Input.Phone?.Trim();
            if (string.IsNullOrEmpty(contact))
            {
                AddError(nameof(InputModel.Phone), "Help.Phone.Required");
            }
            else if (!IsPhone(contact))
            {
                AddError(nameof(InputModel.Phone), "Help.Phone.Invalid");
            }
        }

        if (!ModelState.IsValid || Input.Role is not { } role)
        {
            return null;
        }

        return new HelpRequestContent(
            service?.Id,
            role,
            Input.AgeBand,
            school,
            Input.Forms,
            Input.Online,
            Input.Text!.Trim(),
            Input.Since,
            Input.Wishes,
            channel,
            contact,
            Input.MayContactSchool,
            Input.MayForward);
    }

    private void AddError(string field, string key, params object[] arguments) =>
        ModelState.AddModelError($"{nameof(Input)}.{field}", text[key, arguments]);

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Services = (await directory.GetAsync(cancellationToken)).PublishedByName(CashCultures.CurrentLanguage);
        Schools = await activeSchools.GetAsync(cancellationToken);
        choicesRead = true;
    }

    /// <summary>
    /// The choices last read in this process, however old, for a form shown while the database does not
    /// answer; never read before, the chosen service and school are kept under their own values.
    /// </summary>
    private void RecallChoices()
    {
        Services = directory.Last?.PublishedByName(CashCultures.CurrentLanguage)
            ?? (string.IsNullOrEmpty(Input.Service) ? [] : [new ServiceName(0, Input.Service, Input.Service)]);
        Schools = activeSchools.Last
            ?? (int.TryParse(Input.School, NumberStyles.None, CultureInfo.InvariantCulture, out var school) ? [new SchoolChoice(school, Input.School, null)] : []);
    }

    private string? ServiceName(int? serviceId) => Services.FirstOrDefault(s => s.Id == serviceId)?.Name;

    /// <summary>A comma-separated list from the assistant's link: what is not one of the choices is simply not preselected.</summary>
    private static TEnum Flags<TEnum>(string? list)
        where TEnum : struct, Enum
    {
        var flags = 0L;
        foreach (var name in list is null or { Length: > 500 } ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (StrictEnums.Parse<TEnum>(name) is { } flag)
            {
                flags |= Convert.ToInt64(flag, CultureInfo.InvariantCulture);
            }
        }

        return (TEnum)Enum.ToObject(typeof(TEnum), flags);
    }

    private static bool IsEmail(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1
        && !value.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(value, out var address) && address.Address == value;

    /// <summary>A Belgian or international number: digits with spaces, dots, slashes or dashes, 9 to 15 digits.</summary>
    private static bool IsPhone(string value) =>
        value.Length <= 30
        && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '/' or '-' or '+' or '(' or ')')
        && value.Count(char.IsAsciiDigit) is >= 9 and <= 15
        && value.LastIndexOf('+') <= 0;


    /// <summary>
    /// What the form sends. The choices are enums, bound strictly (<see cref="StrictEnums"/>): a value
    /// the form does not offer is a field error, never a silent answer.
    /// </summary>
    public sealed class InputModel
    {
        /// <summary>The service's slug; empty: "CASH, orientez-moi".</summary>
        public string? Service { get; set; }

        [Required(ErrorMessage = "Help.Role.Required")]
        public SenderRole? Role { get; set; }

        public AgeBand AgeBand { get; set; } = AgeBand.Unknown;

        /// <summary>A school id, <see cref="OutsideSchool"/>, or empty for "I prefer not to say".</summary>
        public string? School { get; set; }

        public BullyingForm Forms { get; set; }

        [ModelBinder(typeof(PageWrittenValueModelBinder))]
        public bool Online { get; set; }

        [Required(ErrorMessage = "Help.Text.Required")]
        [MaxTrimmedLength(MaxTextLength, ErrorMessage = "Help.Text.TooLong")]
        public string? Text { get; set; }

        public Duration Since { get; set; } = Duration.Unknown;

        public HelpWish Wishes { get; set; }

        public ReplyChannel Channel { get; set; } = ReplyChannel.Receipt;

        public string? Email { get; set; }

        public string? Phone { get; set; }

        [ModelBinder(typeof(PageWrittenValueModelBinder))]
        public bool MayContactSchool { get; set; }

        [ModelBinder(typeof(PageWrittenValueModelBinder))]
        public bool MayForward { get; set; }

        /// <summary>
        /// The trap for robots: hidden from people, so filled in only by a program. Said plainly, so
        /// a person who filled it by mistake loses nothing.
        /// </summary>
        [StringLength(0, ErrorMessage = "Help.Website.MustBeEmpty")]
        public string? Website { get; set; }

        [ModelBinder(typeof(PageWrittenValueModelBinder))]
        public Guid SubmissionKey { get; set; }
    }

    public sealed record ReceiptView(string Code, string? ServiceName, ReplyChannel Channel)
    {
        public IReadOnlyList<string> Groups => ReceiptCodes.Groups(Code);
    }

}
