using Cash.Web.Publications;
using Microsoft.AspNetCore.Mvc;

namespace Cash.Web.Pages.Publications;

/// <summary>
/// One support, readable on screen and printable (the print stylesheet leaves the navigation and the
/// quick-exit button out): a procedure's steps in order, or a coordinators' text, followed on the
/// class-diary sheet by the directory's services with their contacts.
/// </summary>
public sealed class ResourceModel(ResourceComposer composer) : PublicPageModel
{
    public ResourceDocument? Document { get; private set; }

    public PrintedResource Resource { get; private set; }

    public string Name { get; private set; } = "";

    public ResourceComposer Composer => composer;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (PrintedResources.FromSlug(slug) is not { } resource)
        {
            return NotFound();
        }

        Resource = resource;
        Name = composer.TitleOf(resource);
        Document = await composer.ComposeAsync(resource, cancellationToken);
        return Page();
    }
}
