using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Cash.Web.Data;
using Cash.Web.Domain.Schools;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Cash.Web.Resources;
using Cash.Web.Schools;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.Schools;

/// <summary>
/// What creating and editing a school share: the fields, the checks that need the database (a name
/// already used, a PMS centre that exists) and the save, audited by the interceptor (School is an
/// <see cref="Domain.Audit.IAuditedRecord"/>).
/// </summary>
public abstract class SchoolFormModel(CashDbContext db, PartnerDirectoryCache directory, IStringLocalizer<ProSpace> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<PmsCentres.Centre> Centres { get; private set; } = [];

    protected CashDbContext Db => db;

    protected async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Centres = PmsCentres.Of(await directory.GetAsync(cancellationToken), CashCultures.CurrentLanguage);
        ViewData["Section"] = "schools";
    }

    /// <summary>The centres the list offers: the PMS centres, and the school's current one even if its kind has changed since.</summary>
    public IEnumerable<PmsCentres.Centre> OfferedCentres(int? current) =>
        Centres.Where(c => c.IsPmsCentre || c.Id == current);

    /// <summary>Checks what attributes cannot, then saves; false when the form must be shown again.</summary>
    protected async Task<bool> TrySaveAsync(School? existing, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        int? pms = null;
        if (!string.IsNullOrEmpty(Input.PmsServiceId))
        {
            if (int.TryParse(Input.PmsServiceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && OfferedCentres(existing?.PmsServiceId).Any(c => c.Id == id))
            {
                pms = id;
            }
            else
            {
                ModelState.AddModelError("Input.PmsServiceId", text["Schools.Pms.Invalid"]);
            }
        }

        var name = SchoolNames.Key(Input.Name ?? "");
        if (name.Length > 0 && await NameTakenAsync(name, existing?.Id, cancellationToken))
        {
            ModelState.AddModelError("Input.Name", text["Schools.Name.Taken"]);
        }

        if (!ModelState.IsValid || Input.Network is not { } network)
        {
            return false;
        }

        var school = existing ?? new School(name, network, pms);
        school.Name = name;
        school.Network = network;
        school.PmsServiceId = pms;
        school.Address = string.IsNullOrWhiteSpace(Input.Address) ? null : Input.Address.Trim();
        school.IsActive = Input.IsActive;
        if (existing is null)
        {
            db.Schools.Add(school);
        }
        else if (!db.ChangeTracker.HasChanges())
        {
            return true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved the same name between the check and the save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await NameTakenAsync(name, existing?.Id, cancellationToken))
            {
                throw;
            }

            ModelState.AddModelError("Input.Name", text["Schools.Name.Taken"]);
            return false;
        }

        return true;
    }

    // Compared in memory: the list is a few dozen schools, and the databases disagree on case-insensitive comparison.
    private async Task<bool> NameTakenAsync(string name, int? exceptId, CancellationToken cancellationToken)
    {
        var names = await db.Schools.AsNoTracking().Where(s => s.Id != exceptId).Select(s => s.Name).ToListAsync(cancellationToken);
        return names.Any(n => SchoolNames.Same(n, name));
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Schools.Name.Required")]
        [StringLength(SchoolNames.MaxNameLength, ErrorMessage = "Schools.Name.TooLong")]
        public string? Name { get; set; }

        /// <summary>Bound strictly (Forms/StrictEnums.cs): "3" or an unknown name is a field error, not a network.</summary>
        [Required(ErrorMessage = "Schools.Network.Required")]
        public SchoolNetwork? Network { get; set; }

        /// <summary>A service id, or empty for none.</summary>
        public string? PmsServiceId { get; set; }

        [StringLength(SchoolNames.MaxAddressLength, ErrorMessage = "Schools.Address.TooLong")]
        public string? Address { get; set; }

        // False by default: an unticked box posts nothing, and must then read as "not active".
        public bool IsActive { get; set; }

        public static InputModel From(School school) => new()
        {
            Name = school.Name,
            Network = school.Network,
            PmsServiceId = school.PmsServiceId?.ToString(CultureInfo.InvariantCulture),
            Address = school.Address,
            IsActive = school.IsActive,
        };
    }
}
