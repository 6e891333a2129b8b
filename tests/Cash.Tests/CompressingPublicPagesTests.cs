using System.IO.Compression;
using System.Text;
using Cash.Tests.Infrastructure;
using Cash.Web.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cash.Tests;

/// <summary>
/// Public pages go out in Brotli or gzip to browsers that accept it, compressed once per page,
/// language and coding and kept in the output cache; forms, which carry a secret token, never are.
/// </summary>
public abstract class CompressingPublicPagesTests(CashApp app)
{
    private const string BrowserHeader = "gzip, deflate, br, zstd";

    [Fact]
    public async Task APageAskedInBrotliComesBackInBrotliAndReadsAsTheSamePage()
    {
        var plain = await app.GetBodyAsync("/services");
        using var response = await app.GetAsync("/services", Accepting("br"));

        Assert.Equal(["br"], response.Header("Content-Encoding"));
        Assert.Contains("Accept-Encoding", response.Header("Vary"));
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(plain) / 2, $"{compressed.Length} bytes in Brotli, {plain.Length} characters plain");
        Assert.Equal(plain, Decompress(compressed, stream => new BrotliStream(stream, CompressionMode.Decompress)));
        Assert.DoesNotContain("__RequestVerificationToken", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageAskedInGzipComesBackInGzipAndReadsAsTheSamePage()
    {
        var plain = await app.GetBodyAsync("/harcelement");
        using var response = await app.GetAsync("/harcelement", Accepting("gzip"));

        Assert.Equal(["gzip"], response.Header("Content-Encoding"));
        Assert.Contains("Accept-Encoding", response.Header("Vary"));
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(plain, Decompress(compressed, stream => new GZipStream(stream, CompressionMode.Decompress)));
    }

    [Fact]
    public async Task EachCodingIsCachedOnceAndEveryBrowsersHeaderFindsItsEntry()
    {
        await app.EvictPublicPagesAsync();

        // A cache hit carries an Age header; a freshly rendered page does not.
        Assert.Equal((null, false), await VisitAsync("/a-propos", null));
        Assert.Equal(("br", false), await VisitAsync("/a-propos", "br"));
        Assert.Equal(("br", true), await VisitAsync("/a-propos", "br"));
        Assert.Equal(("br", true), await VisitAsync("/a-propos", BrowserHeader));
        Assert.Equal(("gzip", false), await VisitAsync("/a-propos", "gzip"));
        Assert.Equal(("gzip", true), await VisitAsync("/a-propos", "gzip;q=1.0, br;q=0.5"));
        Assert.Equal((null, true), await VisitAsync("/a-propos", "br;q=0, gzip;q=0"));
        Assert.Equal((null, true), await VisitAsync("/a-propos", null));
    }

    [Fact]
    public async Task TheOrientationAssistantIsCachedPerCodingToo()
    {
        await app.EvictPublicPagesAsync();
        var url = "/orientation/danger?qui=YoungWitness";

        Assert.Equal(("br", false), await VisitAsync(url, "br"));
        Assert.Equal((null, false), await VisitAsync(url, null));
        Assert.Equal(("br", true), await VisitAsync(url, BrowserHeader));
    }

    [Theory]
    [InlineData("/aide")]
    [InlineData("/suivi")]
    [InlineData("/pro/connexion")]
    public async Task AFormWithASecretTokenIsNeverCompressed(string path)
    {
        using var response = await app.GetAsync(path, Accepting(BrowserHeader));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Empty(response.Header("Content-Encoding"));
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenDataStaysPlainSinceItsETagNamesThePlainBytes()
    {
        using var response = await app.GetAsync("/api/services", Accepting(BrowserHeader));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(response.Header("ETag"));
        Assert.Empty(response.Header("Content-Encoding"));
    }

    [Theory]
    [InlineData(null, "identity")]
    [InlineData("", "identity")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("GZIP", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0.8, gzip;q=0.8", "br")]
    [InlineData("br;q=0", "identity")]
    [InlineData("*", "br")]
    [InlineData("*;q=0.5, br;q=0", "gzip")]
    [InlineData("deflate, zstd", "identity")]
    [InlineData("br;q=nonsense", "identity")]
    public void AcceptEncodingComesDownToBrotliGzipOrNothing(string? header, string expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.AcceptEncoding = header;
        }

        Assert.Equal(expected, PublicPageCompression.Negotiate(context.Request));
    }

    [Fact]
    public async Task AQueryKeyTheAssistantDoesNotReadMakesNoNewCacheEntry()
    {
        await app.EvictPublicPagesAsync();

        // Made-up keys cannot fill the cache with copies of one page, nor push the others out.
        Assert.Equal(("br", false), await VisitAsync("/orientation/danger?qui=Parent&x=1", "br"));
        Assert.Equal(("br", true), await VisitAsync("/orientation/danger?qui=Parent&x=2", "br"));
        Assert.Equal(("br", true), await VisitAsync("/orientation/danger?qui=Parent&y=3", "br"));

        // The answers themselves still make their own entries.
        Assert.Equal(("br", false), await VisitAsync("/orientation/danger?qui=Other&x=1", "br"));
    }

    private async Task<(string? Coding, bool FromCache)> VisitAsync(string path, string? acceptEncoding)
    {
        using var response = await app.GetAsync(path, acceptEncoding is null ? null : Accepting(acceptEncoding));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (response.Header("Content-Encoding").SingleOrDefault(), response.Headers.Age is not null);
    }

    private static Action<HttpRequestMessage> Accepting(string codings) =>
        request => request.Headers.TryAddWithoutValidation("Accept-Encoding", codings);

    private static string Decompress(byte[] body, Func<Stream, Stream> decoder)
    {
        using var decoded = decoder(new MemoryStream(body));
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class CompressingPublicPagesOnSqlite(SqliteCashApp app) : CompressingPublicPagesTests(app), IClassFixture<SqliteCashApp>;

public sealed class CompressingPublicPagesOnPostgres(PostgresCashApp app) : CompressingPublicPagesTests(app), IClassFixture<PostgresCashApp>;
