using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cash.Tests.Infrastructure;

/// <summary>What a visitor does: one request from a fresh browser, and reading the page it gets.</summary>
public static class Visits
{
    /// <summary>A fresh visitor: no cookies kept, redirects not followed, no language preference (so French).</summary>
    public static HttpClient NewVisitor(this WebApplicationFactory<Program> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = app.ClientOptions.BaseAddress,
        });
    }

    /// <summary>One GET from a fresh visitor; <paramref name="prepare"/> adds headers such as cookies or languages.</summary>
    public static async Task<HttpResponseMessage> GetAsync(this WebApplicationFactory<Program> app, string path, Action<HttpRequestMessage>? prepare = null)
    {
        using var visitor = app.NewVisitor();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        prepare?.Invoke(request);
        var response = await visitor.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    public static async Task<string> GetBodyAsync(this WebApplicationFactory<Program> app, string path, Action<HttpRequestMessage>? prepare = null)
    {
        using var response = await app.GetAsync(path, prepare);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Gets a page that must exist (200), and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(this WebApplicationFactory<Program> app, string path, Action<HttpRequestMessage>? prepare = null)
    {
        using var response = await app.GetAsync(path, prepare);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}, not 200.");
        return await response.ReadPageAsync();
    }

    public static async Task<IHtmlDocument> ReadPageAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await ParseAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static Task<IHtmlDocument> ParseAsync(string html) =>
        new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);

    /// <summary>Every value of a response header (content headers included), empty when absent.</summary>
    public static IReadOnlyList<string> Header(this HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? [.. values]
            : [];
    }
}
