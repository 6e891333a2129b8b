using System.Globalization;
using System.Security.Cryptography;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.DataProtection;

namespace Cash.Web.People;

/// <summary>
/// Marks the browser that chose an invitation's password, so the steps after it — the
/// authenticator's secret, enrolment, the recovery codes and the first sign-in — happen there and
/// nowhere else: the link alone, found later in a browser's history or a forwarded e-mail, shows no
/// secret and signs nobody in. The mark is a cookie for the invitation pages only, lasting
/// <see cref="Lifetime"/> on the app's clock, protected with Data Protection under a purpose of its
/// own and naming the invitation and its account; typing the chosen password again marks another browser.
/// </summary>
public sealed class InvitationBrowser(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "cash-invitation";

    public const string CookiePath = "/pro/invitation";

    /// <summary>Time enough to install an authenticator app; short enough that a shared computer forgets.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    private const string Version = "1";

    private readonly IDataProtector protector = protection.CreateProtector("cash/invitation-browser/v1");

    /// <summary>Marks the browser of <paramref name="context"/> as the one carrying on with <paramref name="invitation"/>.</summary>
    public void Mark(HttpContext context, Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invitation);
        var account = invitation.ProfessionalId ?? throw new InvalidOperationException("The invitation has no account yet.");
        var until = clock.GetUtcNow() + Lifetime;
        var value = protector.Protect(string.Join('|',
            Version,
            invitation.Id.ToString("N"),
            account.ToString("N"),
            until.UtcTicks.ToString(CultureInfo.InvariantCulture)));
        context.Response.Cookies.Append(CookieName, value, Options(context));
    }

    /// <summary>Whether the browser of <paramref name="context"/> is the one marked for <paramref name="invitation"/>, and still in time.</summary>
    public bool IsMarked(HttpContext context, Invitation invitation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invitation);
        if (invitation.ProfessionalId is not { } account
            || !context.Request.Cookies.TryGetValue(CookieName, out var value)
            || string.IsNullOrEmpty(value)
            || value.Length > 1000)
        {
            return false;
        }

        string plain;
        try
        {
            plain = protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = plain.Split('|');
        return parts.Length == 4
            && parts[0] == Version
            && parts[1] == invitation.Id.ToString("N")
            && parts[2] == account.ToString("N")
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var until)
            && clock.GetUtcNow().UtcTicks < until;
    }

    /// <summary>Forgets the mark once the invitation is accepted.</summary>
    public void Forget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, Options(context));
    }

    // Secure whenever the page came over https (behind the proxy too, through X-Forwarded-Proto); not
    // __Host-, which needs the path to be "/". Max-Age rather than Expires: the browser counts from now.
    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
