using AngleSharp.Html.Dom;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// Checks that what a person typed came back as text, never as markup: a page showing hostile input
/// may hold only the elements and attributes the same pages hold with harmless input, no event
/// handler, no script but the site's own files, no link or form pointing to a script URL.
/// </summary>
public sealed class InertMarkup
{
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "data", "poster", "xlink:href"];

    private readonly HashSet<string> tags = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> attributes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private int scripts;

    /// <summary>Learns what a page with harmless input is made of.</summary>
    public InertMarkup Learn(IHtmlDocument page)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (gate)
        {
            foreach (var element in page.All)
            {
                tags.Add(element.LocalName);
                foreach (var attribute in element.Attributes)
                {
                    attributes.Add(attribute.Name);
                }
            }

            scripts = Math.Max(scripts, page.Scripts.Length);
        }

        return this;
    }

    /// <summary>Fails with <paramref name="what"/> in the message when <paramref name="page"/> holds injected markup.</summary>
    public void AssertInert(IHtmlDocument page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        var found = Injected(page).ToList();
        Assert.True(found.Count == 0, $"{what}: {string.Join("; ", found.Take(5))}");
    }

    private IEnumerable<string> Injected(IHtmlDocument page)
    {
        if (page.Scripts.Length > scripts)
        {
            yield return $"{page.Scripts.Length} scripts, the harmless page has {scripts}";
        }

        foreach (var script in page.Scripts)
        {
            if (!(script.Source ?? "").StartsWith('/') || !string.IsNullOrWhiteSpace(script.Text))
            {
                yield return $"script {script.OuterHtml[..Math.Min(80, script.OuterHtml.Length)]}";
            }
        }

        foreach (var element in page.All)
        {
            if (!tags.Contains(element.LocalName))
            {
                yield return $"element <{element.LocalName}>";
            }

            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"event handler {attribute.Name} on <{element.LocalName}>";
                }
                else if (!attributes.Contains(attribute.Name))
                {
                    yield return $"attribute {attribute.Name} on <{element.LocalName}>";
                }
                else if (UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase) && IsScriptUrl(attribute.Value))
                {
                    yield return $"script URL in {attribute.Name} of <{element.LocalName}>";
                }
            }
        }
    }

    private static bool IsScriptUrl(string value)
    {
        var squeezed = new string([.. value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]).ToLowerInvariant();
        return squeezed.StartsWith("javascript:", StringComparison.Ordinal)
            || squeezed.StartsWith("vbscript:", StringComparison.Ordinal)
            || squeezed.StartsWith("data:", StringComparison.Ordinal)
            || squeezed.StartsWith("//", StringComparison.Ordinal);
    }
}
