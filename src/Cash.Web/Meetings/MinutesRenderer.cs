using Ganss.Xss;
using Markdig;

namespace Cash.Web.Meetings;

/// <summary>
/// Turns minutes written in Markdown into HTML that can be shown as is: Markdig with raw HTML off
/// (what looks like a tag is text), then a strict allow-list (paragraphs, lists, emphasis, headings,
/// quotes, code, links to http, https and mailto only; no image, no style, no attribute but a link's
/// address). Every link opens without a referrer or an opener.
/// </summary>
public sealed class MinutesRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    private readonly HtmlSanitizer sanitizer;

    public MinutesRenderer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "ul", "ol", "li", "em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "blockquote", "hr",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(),
        };
        sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        return sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));
    }
}
