using System.Collections.Concurrent;
using System.Globalization;
using Cash.Web.Domain;
using Cash.Web.Domain.Calendar;
using Cash.Web.Localization;
using Cash.Web.Operations;
using Cash.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Publications;

/// <summary>
/// The PDF files of the resources, made on the server from what is published at the time of
/// printing and kept in memory until a procedure, a text or the directory changes
/// (<see cref="PublicContentChanges"/>, the marker the directory's copy uses) or the day changes (each
/// file carries its print date).
/// </summary>
public sealed class ResourcePrints(ResourceComposer composer, PrintedFiles printed, IStringLocalizer<ResourceTexts> t, TimeProvider clock)
{

    /// <summary>The file, and its name; null when the resource has nothing published (a procedure without a published version).</summary>
    public async Task<(byte[] Content, string FileName)?> GetAsync(PrintedResource resource, PaperFormat format, Uri siteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(siteAddress);
        var document = await composer.ComposeAsync(resource, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var today = Brussels.DayOf(clock.GetUtcNow());
        var page = new Uri(siteAddress, resource.PagePath());
        var key = (resource, format.Name, document.Language, document.Version, page.AbsoluteUri);
        var files = printed.Of(today);

        var printedOn = t["Print.Date", today.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)].Value;
        var scanHint = t["Print.Scan"].Value;
        var made = files.GetOrAdd(key, _ => new Lazy<byte[]>(() => ResourcePdf.Render(document, format, page, printedOn, scanHint)));
        byte[] file;
        try
        {
            file = made.Value;
        }
        catch
        {
            // A failed rendering is not kept: the next request tries again.
            files.TryRemove(KeyValuePair.Create(key, made));
            throw;
        }

        return (file, $"cash-{resource.Slug()}-{format.Slug}-{CashCultures.CurrentLanguage}.pdf");
    }
}

/// <summary>The files made so far, on one day; emptied when anything they print changes.</summary>
public sealed class PrintedFiles : IPublicContentListener
{
    private static readonly HashSet<string> Printed = [PublicContentKinds.Directory, PublicContentKinds.Procedures, PublicContentKinds.Publications];

    private readonly Lock gate = new();
    private (DateOnly Day, ConcurrentDictionary<(PrintedResource, string, string, string, string), Lazy<byte[]>> Files) current =
        (DateOnly.MinValue, new());

    public ConcurrentDictionary<(PrintedResource, string, string, string, string), Lazy<byte[]>> Of(DateOnly day)
    {
        lock (gate)
        {
            if (current.Day != day)
            {
                current = (day, new());
            }

            return current.Files;
        }
    }

    public ValueTask ChangedAsync(IReadOnlySet<string> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (kinds.Overlaps(Printed))
        {
            lock (gate)
            {
                current = (current.Day, new());
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary><c>GET /ressources/imprimer/{slug}/{format}?v=…</c>: a resource's PDF in the reader's language.</summary>
public static class ResourcePrintEndpoint
{
    public const string Route = "/ressources/imprimer/{slug}/{format}";

    public static IEndpointRouteBuilder MapResourcePrints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, GetAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string slug, string format, HttpContext context, ResourcePrints prints, CancellationToken cancellationToken)
    {
        if (PrintedResources.FromSlug(slug) is not { } resource || resource.FormatOf(format) is not { } paper)
        {
            return Results.NotFound();
        }

        var file = await prints.GetAsync(resource, paper, SiteAddress.For(context), cancellationToken);
        if (file is not { } found)
        {
            return Results.NotFound();
        }

        // The address carries the version: a file reached again under it has not changed.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.Vary = "Cookie, Accept-Language";
        return Results.File(found.Content, "application/pdf", found.FileName);
    }
}
