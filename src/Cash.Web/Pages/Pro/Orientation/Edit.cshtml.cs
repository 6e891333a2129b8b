using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Help;
using Cash.Web.Domain.Orientation;
using Cash.Web.Localization;
using Cash.Web.Orientation;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Orientation;

/// <summary>
/// Creates a rule (no <c>id</c>) or changes one (<c>?id=</c>). Saving evicts the public pages'
/// cache, so the assistant answers with the new rule at once; each change is audited by the
/// interceptor (a rule is an <see cref="Domain.Audit.IAuditedRecord"/>).
/// </summary>
[Authorize(Roles = RuleEditors.Roles)]
public sealed class EditModel(CashDbContext db, PartnerDirectoryCache directory, IStringLocalizer<ProSpace> text) : PageModel
{
    public const int MaxReasonLength = 500;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            var rule = await db.OrientationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (rule is null)
            {
                return NotFound();
            }

            Input = InputModel.From(rule);
        }

        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        OrientationRule? rule = null;
        if (id is not null)
        {
            rule = await db.OrientationRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (rule is null)
            {
                return NotFound();
            }
        }

        if (Input.ServiceId is { } serviceId && !await db.PartnerServices.AnyAsync(s => s.Id == serviceId, cancellationToken))
        {
            ModelState.AddModelError("Input.ServiceId", text["Orientation.Service.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(id, cancellationToken);
        }

        rule ??= db.OrientationRules.Add(new OrientationRule(Input.ServiceId!.Value, Input.Weight!.Value)).Entity;
        rule.PartnerServiceId = Input.ServiceId!.Value;
        rule.Weight = Input.Weight!.Value;
        rule.ForRoles = [.. Input.Roles.Distinct().Order()];
        rule.WhenForms = Input.Forms;
        rule.WhenWishes = Input.Wishes;
        rule.WhenOnline = Input.Online;
        rule.ReasonFr = Input.ReasonFr!.Trim();
        rule.ReasonNl = Input.ReasonNl?.Trim() ?? "";
        rule.ReasonEn = Input.ReasonEn?.Trim() ?? "";
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("Index", new { enregistre = true });
    }

    private async Task<PageResult> ShowAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        ViewData["Section"] = "orientation";
        var language = CashCultures.CurrentLanguage;
        Services = [.. (await directory.GetAsync(cancellationToken)).All(language)
            .Select(s => new ServiceOption(s.Id.ToString(CultureInfo.InvariantCulture), s.Name))];
        return Page();
    }

    public sealed record ServiceOption(string Value, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Orientation.Service.Required")]
        public int? ServiceId { get; set; }

        // The choices bind strictly (Forms/StrictEnums.cs): a forged name refuses the form, never half-saves it.
        public List<SenderRole> Roles { get; set; } = [];

        public BullyingForm Forms { get; set; }

        public HelpWish Wishes { get; set; }

        /// <summary>True, false, or null (empty) for either.</summary>
        public bool? Online { get; set; }

        [Required(ErrorMessage = "Orientation.Weight.Required")]
        [Range(1, 100, ErrorMessage = "Orientation.Weight.Range")]
        public int? Weight { get; set; }

        [Required(ErrorMessage = "Orientation.ReasonFr.Required")]
        [StringLength(MaxReasonLength, ErrorMessage = "Orientation.Reason.TooLong")]
        public string? ReasonFr { get; set; }

        [StringLength(MaxReasonLength, ErrorMessage = "Orientation.Reason.TooLong")]
        public string? ReasonNl { get; set; }

        [StringLength(MaxReasonLength, ErrorMessage = "Orientation.Reason.TooLong")]
        public string? ReasonEn { get; set; }

        public static InputModel From(OrientationRule rule) => new()
        {
            ServiceId = rule.PartnerServiceId,
            Roles = [.. rule.ForRoles],
            Forms = rule.WhenForms,
            Wishes = rule.WhenWishes,
            Online = rule.WhenOnline,
            Weight = rule.Weight,
            ReasonFr = rule.ReasonFr,
            ReasonNl = rule.ReasonNl,
            ReasonEn = rule.ReasonEn,
        };
    }
}
