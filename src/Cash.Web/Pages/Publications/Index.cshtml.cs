using Cash.Web.Publications;

namespace Cash.Web.Pages.Publications;

/// <summary>The supports the network prints, each with its page and its PDF files (a versioned address each).</summary>
public sealed class IndexModel(ResourceComposer composer) : PublicPageModel
{
    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        foreach (var resource in PrintedResources.All)
        {
            var document = await composer.ComposeAsync(resource, cancellationToken);
            entries.Add(new Entry(resource, composer.TitleOf(resource), document));
        }

        Entries = entries;
    }

    public sealed record Entry(PrintedResource Resource, string Name, ResourceDocument? Document);
}
