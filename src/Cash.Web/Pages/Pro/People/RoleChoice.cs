using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.People;
using Cash.Web.Forms;
using Cash.Web.People;
using Cash.Web.Resources;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Pages.Pro.People;

/// <summary>
/// A role and a service chosen in a form (inviting someone, changing someone's role), read and
/// checked the same way on both pages. Both arrive as text so a forged value becomes a field
/// error in the person's language, never a binding message or an exception.
/// </summary>
public static class RoleChoice
{
    /// <summary>
    /// The role and service to give, or null after adding field errors under <paramref name="roleField"/>
    /// and <paramref name="serviceField"/>. A lead's choice of service is not theirs to make: it is always their own.
    /// </summary>
    public static async Task<(ProRole Role, int? ServiceId)?> ValidateAsync(
        ClaimsPrincipal user,
        string? roleText,
        string? serviceText,
        string roleField,
        string serviceField,
        ModelStateDictionary modelState,
        CashDbContext db,
        IStringLocalizer<ProSpace> text,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(text);

        var role = ParseRole(roleText);
        if (role is null && modelState.GetFieldValidationState(roleField) != ModelValidationState.Invalid)
        {
            modelState.AddModelError(roleField, text[string.IsNullOrWhiteSpace(roleText) ? "People.Role.Required" : "People.Role.NotAllowed"]);
        }

        var unreadable = false;
        var serviceId = ChoosesService(user) ? ParseService(serviceText, out unreadable) : user.ServiceId();
        if (unreadable)
        {
            modelState.AddModelError(serviceField, text["People.Service.Unknown"]);
            return null;
        }

        if (serviceId is { } id && !await db.PartnerServices.AnyAsync(s => s.Id == id, cancellationToken))
        {
            modelState.AddModelError(serviceField, text["People.Service.Unknown"]);
            return null;
        }

        if (role is not { } chosen)
        {
            return null;
        }

        if (Professional.NeedsService(chosen) && serviceId is null)
        {
            modelState.AddModelError(serviceField, text["People.Service.Required", text[$"Role.{chosen}"].Value]);
            return null;
        }

        if (!RoleAssignment.IsAllowed(user, chosen, serviceId))
        {
            modelState.AddModelError(roleField, text["People.Role.NotAllowed"]);
            return null;
        }

        return (chosen, serviceId);
    }

    /// <summary>Administrators pick any service (or none); leads give their own.</summary>
    public static bool ChoosesService(ClaimsPrincipal user) => user?.IsInRole(ProRole.Administrator) == true;

    /// <summary>A role by its name only: numbers and unknown names are refused (<see cref="StrictEnums"/>).</summary>
    public static ProRole? ParseRole(string? value) => StrictEnums.Parse<ProRole>(value?.Trim());

    private static int? ParseService(string? value, out bool unreadable)
    {
        unreadable = false;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        unreadable = true;
        return null;
    }
}
