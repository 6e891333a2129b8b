using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Cash.Web.Domain.Directory;

namespace Cash.Web.Forms;

/// <summary>
/// A Belgian phone number as the leaflet writes it (<c>056/39 16 20</c>, <c>0470 62 24 38</c>,
/// <c>056.39.16.20</c>): digits with spaces, slashes or dots, a leading <c>+</c> allowed.
/// An empty value passes (<see cref="RequiredAttribute"/> says whether one is needed).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed partial class BelgianPhoneAttribute : ValidationAttribute
{
    public override bool IsValid(object? value)
    {
        if (value is not string phone || string.IsNullOrWhiteSpace(phone))
        {
            return true;
        }

        // The number must also give the public page a working "call" link: checking the link the
        // directory will actually build keeps the two from ever disagreeing.
        var trimmed = phone.Trim();
        return Written().IsMatch(trimmed) && Dialable().IsMatch(PartnerService.ToPhoneUri(trimmed));
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ./]*[0-9]$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Written();

    // +32, then a zone or mobile prefix that never starts with 0, then the subscriber number: 8 or 9 digits in all.
    [GeneratedRegex(@"^tel:\+32[1-9][0-9]{7,8}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Dialable();
}
