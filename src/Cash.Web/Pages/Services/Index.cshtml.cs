using Cash.Web.Domain.Directory;
using Cash.Web.Localization;
using Cash.Web.PartnerServices;

namespace Cash.Web.Pages.Services;

public sealed class IndexModel(PartnerDirectoryCache directory) : PublicPageModel
{
    public IReadOnlyList<ServiceCard> PmsCentres { get; private set; } = [];

    public IReadOnlyList<ServiceCard> OtherServices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var services = (await directory.GetAsync(cancellationToken)).PublishedServices;
        var cards = services.Select(s => ServiceCard.From(s, CashCultures.CurrentLanguage)).ToList();
        PmsCentres = [.. cards.Where(c => c.Kind == ServiceKind.PmsCentre)];
        OtherServices = [.. cards.Where(c => c.Kind != ServiceKind.PmsCentre)];
    }

    public sealed record ServiceCard(string Slug, ServiceKind Kind, string Name, string WhatWeCanDo, string Phone, string PhoneUri, string Email, bool ActsOnlyWithAgreement)
    {
        public static ServiceCard From(PartnerService service, string language)
        {
            var text = service.TextFor(language);
            return new(service.Slug, service.Kind, text.Name, text.WhatWeCanDo, service.Phone, service.PhoneUri, service.Email, service.ActsOnlyWithAgreement);
        }
    }
}
