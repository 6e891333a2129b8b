using System.Buffers;
using System.Globalization;
using System.Text;
using Cash.Web.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Cash.Web.Operations;

/// <summary>
/// The public pages as they last went out, answered from memory before the rest of the pipeline
/// runs (the culture middleware, security headers, routing, rate limits, authentication, the output cache): the price of a visit is then a
/// dictionary look-up and a copy of bytes (bench/README.md, "Public pages").
/// <list type="bullet">
/// <item>Only anonymous GETs and HEADs are looked up: no <c>Authorization</c> header, no cookie but the language and
/// antiforgery ones, no <c>?culture=</c> (which sets the language cookie).</item>
/// <item>A page is kept when the output cache would keep it (<see cref="Notice"/>: a 200, no cookie set, not
/// signed in), with the same lifetime, so it is never staler than the output cache allows; and emptied with it
/// when public content changes (<see cref="PublicOutputCache"/>).</item>
/// <item>A form page marked <see cref="FormTemplateAttribute"/> is kept as a template: the same bytes for every
/// visitor but for its antiforgery token and the one-time keys it asked <see cref="PerVisit"/> for, which are
/// made anew for each visit (and the antiforgery cookie set as the token requires).</item>
/// </list>
/// </summary>
internal sealed class RenderedPageCache(
    RequestDelegate next,
    RenderedPages pages,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    TimeProvider clock)
{
    /// <summary>As long as the in-memory copies of the directory, schools and rules a form shows (<see cref="PublicSnapshot{T}.MaxAge"/>).</summary>
    public static readonly TimeSpan TemplateLifetime = TimeSpan.FromSeconds(60);

    // Headers that belong to one response, never to a copy: the server writes its own date and
    // length, the age is the copy's, and a cookie is the visitor's.
    private static readonly HashSet<string> OwnHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie, HeaderNames.Date, HeaderNames.Server, HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.TransferEncoding,
    };

    private readonly string antiforgeryCookie = antiforgeryOptions.Value.Cookie.Name ?? "";
    private readonly byte[] antiforgeryField = Encoding.UTF8.GetBytes(antiforgeryOptions.Value.FormFieldName);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!(isGet || HttpMethods.IsHead(request.Method)) || request.PathBase.HasValue || !IsAnonymous(request)
            || CashCultures.QueryValue(request) is not null)
        {
            return next(context);
        }

        var key = new RenderedPageKey(
            request.IsHttps, request.Host.Value ?? "", request.Path.Value ?? "/", request.QueryString.Value ?? "",
            CashCultures.Resolve(request), PublicPageCompression.Negotiate(request));
        if (pages.Find(key) is { } page)
        {
            return ServeAsync(context, page, withBody: isGet);
        }

        return isGet ? RenderAsync(context, key) : next(context);
    }

    private bool IsAnonymous(HttpRequest request)
    {
        if (request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            return false;
        }

        if (!request.Headers.ContainsKey(HeaderNames.Cookie))
        {
            return true;
        }

        foreach (var cookie in request.Cookies)
        {
            if (cookie.Key != CashCultures.CookieName && cookie.Key != antiforgeryCookie)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ServeAsync(HttpContext context, RenderedPage page, bool withBody)
    {
        var response = context.Response;
        var length = page.LiteralLength;
        string[]? values = null;
        if (page.IsTemplate)
        {
            // First, so that the page's own headers (kept as they went out) have the last word.
            values = new string[page.Fresh.Length];
            string? token = null;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = page.Fresh[i] switch
                {
                    PerVisitValue.AntiforgeryToken => token ??= antiforgery.GetAndStoreTokens(context).RequestToken!,
                    _ => Guid.NewGuid().ToString(),
                };
                length += Encoding.UTF8.GetByteCount(values[i]);
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers)
        {
            headers[name] = value;
        }

        if (!page.IsTemplate)
        {
            headers.Age = page.AgeAt(clock.GetUtcNow());
        }

        headers.ContentLength = length;
        if (!withBody)
        {
            return;
        }

        var writer = response.BodyWriter;
        for (var i = 0; i < page.Parts.Length; i++)
        {
            writer.Write(page.Parts[i].Span);
            if (values is not null && i < values.Length)
            {
                Encoding.UTF8.GetBytes(values[i], writer);
            }
        }

        // A visitor gone meanwhile shows as a completed flush, not an exception.
        await writer.FlushAsync();
    }

    private async Task RenderAsync(HttpContext context, RenderedPageKey key)
    {
        var generation = pages.Generation;
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var capture = new RenderedPageCapture(original.Stream, RenderedPages.MaxPageBytes);
        var body = new StreamResponseBodyFeature(capture, original);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        context.Features.Set(capture);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
            context.Features.Set<RenderedPageCapture>(null);
        }

        if (!context.RequestAborted.IsCancellationRequested && Copy(context, capture) is { } page)
        {
            pages.TryKeep(key, page, generation);
        }
    }

    /// <summary>The page as it went out, if it may be served to the next visitor.</summary>
    private RenderedPage? Copy(HttpContext context, RenderedPageCapture capture)
    {
        var response = context.Response;
        if (capture.Overflowed || response.StatusCode != StatusCodes.Status200OK
            || !MediaTypeHeaderValue.TryParse(response.ContentType, out var type)
            || !type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var body = capture.Written;
        if (context.GetEndpoint()?.Metadata.GetMetadata<FormTemplateAttribute>() is not null)
        {
            // A form is never compressed (it holds a secret), and the only cookie it may set is the antiforgery one.
            if (!StringValues.IsNullOrEmpty(response.Headers.ContentEncoding) || !OnlyAntiforgeryCookie(response)
                || Holes(context, body.Span, capture.FreshValues) is not { } holes)
            {
                return null;
            }

            return Split(response.Headers, body, holes, now, now + TemplateLifetime);
        }

        if (!capture.Storable || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            return null;
        }

        // Served by the output cache: the copy is as old as its entry, and goes when the entry would.
        var age = long.TryParse(response.Headers.Age, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, (long)PublicOutputCache.Expiry.TotalSeconds))
            : TimeSpan.Zero;
        return Split(response.Headers, body, [], now - age, now - age + PublicOutputCache.Expiry);
    }

    private bool OnlyAntiforgeryCookie(HttpResponse response)
    {
        foreach (var cookie in response.Headers.SetCookie)
        {
            if (cookie is null || !cookie.StartsWith(antiforgeryCookie + "=", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Where the per-visit values stand in the body, in order; null if one of them is missing (then
    /// the page is not what the template expects and is not kept).
    /// </summary>
    private List<(int Start, int Length, PerVisitValue Kind)>? Holes(
        HttpContext context, ReadOnlySpan<byte> body, IEnumerable<(string Value, PerVisitValue Kind)> rendered)
    {
        var values = rendered.ToList();
        if (body.IndexOf(antiforgeryField) >= 0)
        {
            // The token this request's form carries (asked again, the antiforgery service gives the same one).
            values.Add((antiforgery.GetTokens(context).RequestToken!, PerVisitValue.AntiforgeryToken));
        }

        var holes = new List<(int Start, int Length, PerVisitValue Kind)>();
        foreach (var (value, kind) in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            var found = 0;
            for (var start = body.IndexOf(bytes); start >= 0; found++)
            {
                holes.Add((start, bytes.Length, kind));
                var next = body[(start + bytes.Length)..].IndexOf(bytes);
                start = next < 0 ? -1 : start + bytes.Length + next;
            }

            if (found == 0)
            {
                return null;
            }
        }

        holes.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < holes.Count; i++)
        {
            if (holes[i].Start < holes[i - 1].Start + holes[i - 1].Length)
            {
                return null;
            }
        }

        return holes;
    }

    private static RenderedPage Split(
        IHeaderDictionary headers,
        ReadOnlyMemory<byte> body,
        List<(int Start, int Length, PerVisitValue Kind)> holes,
        DateTimeOffset storedAt,
        DateTimeOffset expiresAt)
    {
        var copy = body.ToArray().AsMemory();
        var parts = new ReadOnlyMemory<byte>[holes.Count + 1];
        var position = 0;
        for (var i = 0; i < holes.Count; i++)
        {
            parts[i] = copy[position..holes[i].Start];
            position = holes[i].Start + holes[i].Length;
        }

        parts[^1] = copy[position..];
        var kept = headers.Where(h => !OwnHeaders.Contains(h.Key)).ToArray();
        return new RenderedPage(kept, parts, [.. holes.Select(h => h.Kind)], storedAt, expiresAt);
    }

    /// <summary>
    /// Told by the output cache's policies (the public one and the orientation assistant's) that a
    /// response is one the output cache keeps or served from what it kept.
    /// </summary>
    public sealed class Notice : IOutputCachePolicy
    {
        public static void Storable(OutputCacheContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.HttpContext.Features.Get<RenderedPageCapture>() is { } capture)
            {
                capture.Storable = context.EnableOutputCaching && context.AllowCacheStorage;
            }
        }

        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            Storable(context);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            Storable(context);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Marks a public form page whose GET is the same for every anonymous visitor in a language but for
/// its antiforgery token and the one-time keys it takes from <see cref="PerVisit"/>: rendered once, then
/// served by <see cref="RenderedPageCache"/> with those values made anew for each visit.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FormTemplateAttribute : Attribute;

/// <summary>The values a form page makes for each visit, so that its template knows where they stand.</summary>
public static class PerVisit
{
    /// <summary>A new one-time key (a submission key, a message key) for the form being rendered.</summary>
    public static Guid NewKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = Guid.NewGuid();
        context.Features.Get<RenderedPageCapture>()?.FreshValues.Add((key.ToString(), PerVisitValue.OneTimeKey));
        return key;
    }
}

/// <summary>
/// The response body on its way out, copied up to a bound; and what the page told while rendering
/// (whether the output cache keeps it, which values it made for this visit).
/// </summary>
internal sealed class RenderedPageCapture(Stream inner, int limit) : Stream
{
    private readonly ArrayBufferWriter<byte> copy = new(16 * 1024);

    public bool Overflowed { get; private set; }

    public bool Storable { get; set; }

    public List<(string Value, PerVisitValue Kind)> FreshValues { get; } = [];

    public ReadOnlyMemory<byte> Written => copy.WrittenMemory;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Keep(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    private void Keep(ReadOnlySpan<byte> buffer)
    {
        if (Overflowed)
        {
            return;
        }

        if (copy.WrittenCount + buffer.Length > limit)
        {
            Overflowed = true;
            return;
        }

        copy.Write(buffer);
    }
}
