using System.ComponentModel.DataAnnotations;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Directory;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Directory;

/// <summary>
/// A service's public profile: contacts and, in French, Dutch and English, what it says about
/// itself. Saved changes show on the public directory at once (the directory's cache is evicted on
/// save) and the update is audited automatically (<see cref="Domain.Audit.IAuditedRecord"/>).
/// </summary>
[Authorize(Policy = ProPolicies.DirectoryEditor)]
// Five texts in three languages (up to 18,600 characters) may pass an ordinary form's 64 KB once encoded.
[RequestSizeLimit(256 * 1024)]
public sealed class EditModel(CashDbContext db, IAuthorizationService authorization, IStringLocalizer<ProSpace> text) : PageModel
{
    /// <summary>The languages of the public site, in the order the form shows them.</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "nl", "en"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set after a save (post, redirect, get), shown as a confirmation.</summary>
    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public bool Saved { get; set; }

    public int Id { get; private set; }

    public string Slug { get; private set; } = "";

    /// <summary>The service's name as stored, in the reader's language (the heading does not move while typing).</summary>
    public string Name { get; private set; } = "";

    public bool IsPublished { get; private set; }

    /// <summary>Only administrators take a service off the public directory or put it back.</summary>
    public bool MayPublish => User.IsInRole(ProRole.Administrator);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var service = await FindEditableAsync(id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }

        Input = InputModel.From(service);
        return Show(service);
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var service = await FindEditableAsync(id, cancellationToken);
        if (service is null)
        {
            return NotFound();
        }

        Saved = false;
        Input.Texts = [.. Languages.Select((_, i) => i < Input.Texts.Count ? Input.Texts[i] : new TextInput())];
        ValidateTexts();
        if (!ModelState.IsValid)
        {
            return Show(service);
        }

        service.Phone = Input.Phone.Trim();
        service.Email = Input.Email.Trim();
        if (MayPublish)
        {
            service.IsPublished = Input.IsPublished;
        }

        for (var i = 0; i < Languages.Count; i++)
        {
            var existing = service.Texts.FirstOrDefault(t => t.Language == Languages[i]);
            if (existing is null)
            {
                existing = new PartnerServiceText { Language = Languages[i] };
                service.SetText(existing);
            }

            Input.Texts[i].CopyTo(existing);
        }

        // A change to the texts alone leaves the service row untouched, and then neither its update
        // time nor the audit trail would hear of it: the service is the record that changed.
        if (db.ChangeTracker.Entries<PartnerServiceText>().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            db.Entry(service).Property(s => s.UpdatedAt).IsModified = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id, enregistre = true });
    }

    private async Task<PartnerService?> FindEditableAsync(int id, CancellationToken cancellationToken)
    {
        var service = await db.PartnerServices.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

        // Another service's page answers as if it did not exist: a lead learns nothing from its address.
        return service is not null && (await authorization.AuthorizeAsync(User, service, CashOperations.Edit)).Succeeded ? service : null;
    }

    private PageResult Show(PartnerService service)
    {
        Id = service.Id;
        Slug = service.Slug;
        Name = service.TextFor(CashCultures.CurrentLanguage).Name;
        IsPublished = service.IsPublished;
        ViewData["Section"] = "services";
        return Page();
    }

    /// <summary>
    /// The texts are checked here rather than by attributes so each message names its language:
    /// three identical "enter the name" lines in the summary would not say which one is missing.
    /// </summary>
    private void ValidateTexts()
    {
        for (var i = 0; i < Languages.Count; i++)
        {
            var language = text[$"Directory.Language.{Languages[i]}"].Value;
            var input = Input.Texts[i];
            foreach (var (field, value) in input.Fields())
            {
                var key = FieldName(i, field);
                if (string.IsNullOrWhiteSpace(value))
                {
                    ModelState.AddModelError(key, text[$"Directory.{field}.Required", language]);
                }
                else if (value.Trim().Length > MaxLength(field))
                {
                    ModelState.AddModelError(key, text["Directory.TooLong", text[$"Directory.{field}"].Value, language, MaxLength(field)]);
                }
            }
        }
    }

    /// <summary>The column width of a text field, read from the model so the form and the database always agree.</summary>
    public int MaxLength(string field) =>
        db.Model.FindEntityType(typeof(PartnerServiceText))?.FindProperty(field)?.GetMaxLength() ?? int.MaxValue;

    public static string FieldName(int index, string field) => $"{nameof(Input)}.{nameof(InputModel.Texts)}[{index}].{field}";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Directory.Phone.Required")]
        [StringLength(40, ErrorMessage = "Directory.Phone.Invalid")]
        [BelgianPhone(ErrorMessage = "Directory.Phone.Invalid")]
        public string Phone { get; set; } = "";

        [Required(ErrorMessage = "Directory.Email.Required")]
        [EmailAddress(ErrorMessage = "Directory.Email.Invalid")]
        [StringLength(254, ErrorMessage = "Directory.Email.Invalid")]
        public string Email { get; set; } = "";

        public bool IsPublished { get; set; }

        /// <summary>One per language of <see cref="Languages"/>, in that order.</summary>
        public List<TextInput> Texts { get; set; } = [];

        public static InputModel From(PartnerService service) => new()
        {
            Phone = service.Phone,
            Email = service.Email,
            IsPublished = service.IsPublished,
            Texts = [.. Languages.Select(language => TextInput.From(service.Texts.FirstOrDefault(t => t.Language == language)))],
        };
    }

    public sealed class TextInput
    {
        public string? Name { get; set; }

        public string? WhatWeCanDo { get; set; }

        public string? ForWhom { get; set; }

        public string? Conditions { get; set; }

        public string? Confidentiality { get; set; }

        public static TextInput From(PartnerServiceText? stored) => stored is null ? new() : new()
        {
            Name = stored.Name,
            WhatWeCanDo = stored.WhatWeCanDo,
            ForWhom = stored.ForWhom,
            Conditions = stored.Conditions,
            Confidentiality = stored.Confidentiality,
        };

        public IEnumerable<(string Field, string? Value)> Fields() =>
        [
            (nameof(Name), Name),
            (nameof(WhatWeCanDo), WhatWeCanDo),
            (nameof(ForWhom), ForWhom),
            (nameof(Conditions), Conditions),
            (nameof(Confidentiality), Confidentiality),
        ];

        public void CopyTo(PartnerServiceText stored)
        {
            stored.Name = Name?.Trim() ?? "";
            stored.WhatWeCanDo = WhatWeCanDo?.Trim() ?? "";
            stored.ForWhom = ForWhom?.Trim() ?? "";
            stored.Conditions = Conditions?.Trim() ?? "";
            stored.Confidentiality = Confidentiality?.Trim() ?? "";
        }
    }
}
