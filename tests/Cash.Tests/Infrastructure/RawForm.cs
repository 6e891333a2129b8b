using System.Text;
using AngleSharp.Html.Dom;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// A form opened once and posted many times with the same antiforgery token, the way a browser
/// tab re-submits it; for tests that send hundreds of values and need not read the page each time.
/// </summary>
/// <remarks>
/// Values are encoded as a browser does (WHATWG "application/x-www-form-urlencoded"): UTF-8, where
/// a lone surrogate has no encoding and becomes U+FFFD, then percent-encoding of every byte but the
/// unreserved ones. FormUrlEncodedContent would do nearly the same, but the exact bytes matter here.
/// </remarks>
public sealed class RawForm
{
    private readonly HttpClient browser;
    private readonly Uri target;
    private readonly string token;
    private readonly string? cookie;

    private RawForm(HttpClient browser, Uri target, string token, string? cookie, IHtmlDocument page)
    {
        Page = page;
        this.browser = browser;
        this.target = target;
        this.token = token;
        this.cookie = cookie;
    }

    /// <summary>The page the form was read from.</summary>
    public IHtmlDocument Page { get; }

    /// <summary>Opens <paramref name="url"/> in <paramref name="browser"/> (which keeps cookies) and reads the token of its form.</summary>
    public static async Task<RawForm> OpenAsync(HttpClient browser, string url)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return await FromAsync(browser, new Uri(url, UriKind.Relative), response, cookieByHand: false);
    }

    /// <summary>
    /// Reads the token from <paramref name="response"/>, for a browser that does not keep cookies
    /// itself (a plain-http client cannot keep the app's Secure cookies): the cookie is sent by hand.
    /// </summary>
    public static async Task<RawForm> FromAsync(HttpClient browser, Uri target, HttpResponseMessage response, bool cookieByHand)
    {
        ArgumentNullException.ThrowIfNull(response);
        var page = await response.ReadPageAsync();
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {target}: {(int)response.StatusCode}.");
        string? cookie = null;
        if (cookieByHand && response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            cookie = string.Join("; ", setCookies.Select(c => c.Split(';')[0]));
        }

        return new RawForm(browser, target, token, cookie, page);
    }

    /// <summary>Posts <paramref name="fields"/> (repeated names allowed) with the token; the response is buffered.</summary>
    public async Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = Encode(fields.Append(new("__RequestVerificationToken", token))),
        };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SendAsync(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await PostAsync(fields);
        return (response, await response.ReadPageAsync());
    }

    /// <summary>The fields of a dictionary as a browser posts them: null values left out.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(IReadOnlyDictionary<string, string?> fields) =>
        fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!));

    public static ByteArrayContent Encode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            if (body.Length > 0)
            {
                body.Append('&');
            }

            Escape(body, name);
            body.Append('=');
            Escape(body, value);
        }

        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body.ToString()));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        return content;
    }

    private static void Escape(StringBuilder body, string value)
    {
        // Encoding.UTF8 replaces what it cannot encode (a lone surrogate) with U+FFFD, as browsers do.
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '*')
            {
                body.Append(c);
            }
            else if (c == ' ')
            {
                body.Append('+');
            }
            else
            {
                body.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
