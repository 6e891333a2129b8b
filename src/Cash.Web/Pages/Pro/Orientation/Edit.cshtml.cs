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

        var roles = Parse<SenderRole>(Input.Roles);
        var forms = Parse<BullyingForm>(Input.Forms);
        var wishes = Parse<HelpWish>(Input.Wishes);
        if (!ModelState.IsValid || roles is null || forms is null || wishes is null)
        {
            if (roles is null || forms is null || wishes is null)
            {
                ModelState.AddModelError("", text["Orientation.UnknownChoice"]);
            }

            return await ShowAsync(id, cancellationToken);
        }

        rule ??= db.OrientationRules.Add(new OrientationRule(Input.ServiceId!.Value, Input.Weight!.Value)).Entity;
        rule.PartnerServiceId = Input.ServiceId!.Value;
        rule.Weight = Input.Weight!.Value;
        rule.ForRoles = [.. roles.Distinct().Order()];
        rule.WhenForms = forms.Aggregate(BullyingForm.None, (all, f) => all | f);
        rule.WhenWishes = wishes.Aggregate(HelpWish.None, (all, w) => all | w);
        rule.WhenOnline = Input.Online switch { "true" => true, "false" => false, _ => null };
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

    /// <summary>Only declared names; a forged value makes the whole list null (refused, not half-saved).</summary>
    private static List<TEnum>? Parse<TEnum>(IEnumerable<string> names)
        where TEnum : struct, Enum
    {
        var parsed = new List<TEnum>();
        foreach (var name in names)
        {
            if (!Enum.GetNames<TEnum>().Contains(name, StringComparer.Ordinal))
            {
                return null;
            }

            parsed.Add(Enum.Parse<TEnum>(name));
        }

        return parsed;
    }

    public sealed record ServiceOption(string Value, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Orientation.Service.Required")]
        public int? ServiceId { get; set; }

        public List<string> Roles { get; set; } = [];

        public List<string> Forms { get; set; } = [];

        public List<string> Wishes { get; set; } = [];

        /// <summary><c>true</c>, <c>false</c>, or empty for either.</summary>
        [RegularExpression("^(true|false)?$", ErrorMessage = "Orientation.UnknownChoice")]
        public string? Online { get; set; }

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
            Roles = [.. rule.ForRoles.Select(r => r.ToString())],
            Forms = [.. OrientationAnswers.Each(rule.WhenForms).Select(f => f.ToString())],
            Wishes = [.. OrientationAnswers.Each(rule.WhenWishes).Select(w => w.ToString())],
            Online = rule.WhenOnline switch { true => "true", false => "false", null => "" },
            Weight = rule.Weight,
            ReasonFr = rule.ReasonFr,
            ReasonNl = rule.ReasonNl,
            ReasonEn = rule.ReasonEn,
        };
    }
}
