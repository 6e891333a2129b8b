using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Cash.Web.Operations;

/// <summary>
/// Brotli, else gzip, for the HTML pages the output cache is about to store, and for nothing else.
/// The compression middleware runs inside the output cache (<c>UseOutputCache</c> before
/// <c>UseResponseCompression</c>), so a page is compressed once when it is rendered and the cache
/// keeps the compressed bytes; the cache key carries the negotiated coding (<see cref="Negotiate"/>:
/// br, gzip or identity, never the raw header), so each page has at most three entries per language
/// and every browser's variant of the header lands on one of them.
/// </summary>
/// <remarks>
/// Compression over HTTPS exposes a secret in the page to BREACH when the same body also reflects
/// what an attacker sends. Only responses the output cache may store are compressed: anonymous GETs
/// of public pages, the same bytes for every visitor, without a cookie being set, so they hold no
/// secret (no antiforgery token, no personal data) to recover. Forms (<c>/aide</c>, <c>/suivi</c>,
/// sign-in) and everything a signed-in professional sees are never compressed.
/// </remarks>
internal sealed class PublicPageCompression : IResponseCompressionProvider
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    /// <summary>The cache-key name of the negotiated coding.</summary>
    public const string VaryKey = "encoding";

    // Brotli quality 5: 0.3-0.6 ms for a 6-18 KB page, within 10 % (about 250 bytes) of quality 11,
    // which takes 30-60 ms. Being cached does not make 11 free: the orientation pages are cached per
    // query string, so made-up queries would each pay it. Gzip's default level is as small as its
    // highest here. Measurements: bench/README.md, "Compressed pages".
    private static readonly ICompressionProvider BrotliCoding = new BrotliProvider(quality: 5);
    private static readonly ICompressionProvider GzipCoding = new GzipProvider(CompressionLevel.Optimal);


    /// <summary>
    /// The coding a request gets: Brotli when it accepts it at least as much as gzip, else gzip,
    /// else none; <c>*</c> stands for a coding it does not name, <c>q=0</c> refuses one.
    /// </summary>
    public static string Negotiate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.AcceptEncoding;
        if (StringValues.IsNullOrEmpty(header) || !StringWithQualityHeaderValue.TryParseList(header, out var codings))
        {
            return Identity;
        }

        double? brotli = null, gzip = null, any = null;
        foreach (var coding in codings)
        {
            var quality = coding.Quality ?? 1;
            if (coding.Value.Equals(Brotli, StringComparison.OrdinalIgnoreCase))
            {
                brotli = Math.Max(brotli ?? 0, quality);
            }
            else if (coding.Value.Equals(Gzip, StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, quality);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, quality);
            }
        }

        var br = brotli ?? any ?? 0;
        var gz = gzip ?? any ?? 0;
        return br > 0 && br >= gz ? Brotli : gz > 0 ? Gzip : Identity;
    }

    /// <summary>Only requests whose response the output cache may store are looked at.</summary>
    public bool CheckRequestAcceptsCompression(HttpContext context) => Cacheable(context);

    public ICompressionProvider? GetCompressionProvider(HttpContext context) => Negotiate(context.Request) switch
    {
        Brotli => BrotliCoding,
        Gzip => GzipCoding,
        _ => null,
    };

    /// <summary>
    /// What the output cache stores (a 200 without a cookie being set) and is HTML. The open-data
    /// JSON is left alone: its ETag names one representation, and the same tag on a compressed one
    /// would tell caches the two are byte for byte the same. Returning true
    /// also adds <c>Vary: Accept-Encoding</c>, to the identity variant too.
    /// </summary>
    public bool ShouldCompressResponse(HttpContext context)
    {
        var response = context.Response;
        return Cacheable(context)
            && response.StatusCode == StatusCodes.Status200OK
            && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            && StringValues.IsNullOrEmpty(response.Headers.ContentEncoding)
            && StringValues.IsNullOrEmpty(response.Headers.ContentRange)
            && MediaTypeHeaderValue.TryParse(response.ContentType, out var type)
            && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static bool Cacheable(HttpContext context) =>
        context.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true, AllowCacheStorage: true };

    private sealed class BrotliProvider(int quality) : ICompressionProvider
    {
        public string EncodingName => Brotli;

        public bool SupportsFlush => true;

        public Stream CreateStream(Stream outputStream) =>
            new BrotliStream(outputStream, new BrotliCompressionOptions { Quality = quality }, leaveOpen: true);
    }

    private sealed class GzipProvider(CompressionLevel level) : ICompressionProvider
    {
        public string EncodingName => Gzip;

        public bool SupportsFlush => true;

        public Stream CreateStream(Stream outputStream) => new GZipStream(outputStream, level, leaveOpen: true);
    }
}
