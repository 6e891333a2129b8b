using Cash.Web.Authorization;
using Cash.Web.Data;
using Cash.Web.Domain.Situations;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cash.Web.Pages.Pro.Referrals;

/// <summary>
/// My service's referrals: those waiting for its decision (oldest first), and those it sent, with
/// what became of them. Both lists read <see cref="ReferralAccess"/>, as the referral's page does.
/// </summary>
public sealed class IndexModel(CashDbContext db, PartnerDirectoryCache directory) : PageModel
{
    /// <summary>The sent referrals shown: the latest ones; older ones stay on their situation's page.</summary>
    public const int SentShown = 100;

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public IReadOnlyList<Row> Sent { get; private set; } = [];

    public bool HasService { get; private set; }

    public PartnerDirectory Directory { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Directory = await directory.GetAsync(cancellationToken);
        HasService = User.ServiceId() is not null;
        var serviceId = User.ServiceId();
        Waiting = await Rows(db.Referrals.AsNoTracking().Allowing(ReferralAccess.Rule, User, SituationOperations.Decide)
            .OrderBy(r => r.RequestedAt)).ToListAsync(cancellationToken);
        Sent = await Rows(db.Referrals.AsNoTracking().Allowing(ReferralAccess.Rule, User, SituationOperations.View).Where(r => r.FromServiceId == serviceId)
            .OrderByDescending(r => r.RequestedAt).Take(SentShown)).ToListAsync(cancellationToken);
        ViewData["Section"] = "referrals";
    }

    public string NameOf(int serviceId) => Directory.NameOf(serviceId, CashCultures.CurrentLanguage) ?? "";

    private static IQueryable<Row> Rows(IQueryable<Referral> referrals) =>
        referrals.Select(r => new Row(r.Id, r.SituationId, r.Situation!.Reference, r.FromServiceId, r.ToServiceId, r.Status, r.LegalBasis, r.RequestedAt, r.DecidedAt));

    public sealed record Row(Guid Id, Guid SituationId, string Reference, int FromServiceId, int ToServiceId, ReferralStatus Status, LegalBasis LegalBasis, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);
}
