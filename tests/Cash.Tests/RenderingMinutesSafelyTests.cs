using AngleSharp.Html.Parser;
using Cash.Web.Meetings;

namespace Cash.Tests;

/// <summary>
/// Minutes are Markdown written by a person and read by others: whatever is typed, what comes out
/// runs nothing, loads nothing and sends nobody anywhere but to http, https and mailto addresses.
/// </summary>
public sealed class RenderingMinutesSafelyTests
{
    private static readonly MinutesRenderer Renderer = new();

    private static readonly string[] AllowedAttributes = ["href", "rel"];

    public static TheoryData<string> Attacks => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">clic</a>",
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1))",
        "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![image](javascript:alert(1))",
        "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![pixel](https://tracker.example/pixel.png)",
        "<div onmouseover=\"alert(1)\">survol</div>",
        "<svg onload=alert(1)>",
        "[clic](vbscript:msgbox(1))",
        "<style>body{display:none}</style>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\">lien</a>",
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void WhatComesOutRunsNothingAndLoadsNothing(string markdown)
    {
        var html = Renderer.ToHtml(markdown);
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Empty(document.Body!.QuerySelectorAll("script, iframe, img, svg, style, form, input, object, embed, link, meta"));
        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            Assert.All(element.Attributes, a => Assert.False(a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{a.Name} on <{element.LocalName}>"));
            Assert.All(element.Attributes, a => Assert.Contains(a.Name, AllowedAttributes));
        }

        foreach (var link in document.Body.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!;
            Assert.True(href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal),
                $"The link {href} is not http, https or mailto.");
        }
    }

    [Fact]
    public void ParagraphsListsEmphasisHeadingsCodeAndLinksAreKeptAndLinksOpenWithoutReferrer()
    {
        var html = Renderer.ToHtml("# Titre\n\nUn *mot* et **deux**, `code`.\n\n- un\n- deux\n\n1. premier\n\n[site](https://cash.example.be) et [écrire](mailto:cash@example.be)");
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Equal("Titre", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("mot", document.QuerySelector("p em")?.TextContent);
        Assert.Equal("deux", document.QuerySelector("p strong")?.TextContent);
        Assert.Equal("code", document.QuerySelector("p code")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("ul li").Length);
        Assert.Single(document.QuerySelectorAll("ol li"));
        var links = document.QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        Assert.All(links, a => Assert.Equal("noopener noreferrer", a.GetAttribute("rel")));
        Assert.Equal("https://cash.example.be", links[0].GetAttribute("href"));
    }

    [Fact]
    public void RawHtmlIsShownAsTextNotAsMarkup()
    {
        var html = Renderer.ToHtml("Avant <b>gras</b> après");
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        Assert.Null(document.QuerySelector("b"));
        Assert.Equal("Avant <b>gras</b> après", document.QuerySelector("p")?.TextContent);
    }
}
