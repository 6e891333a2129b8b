using System.Globalization;
using System.Security.Claims;
using Cash.Web.Authorization;
using Cash.Web.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cash.Web.Security;

/// <summary>Puts the person's role and service into the session cookie, where policies and handlers read them.</summary>
public sealed class ProfessionalClaimsFactory(UserManager<Professional> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Professional>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Professional user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        if (user.PartnerServiceId is { } service)
        {
            identity.AddClaim(new Claim(CashClaims.Service, service.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
