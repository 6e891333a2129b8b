using System.Net;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

/// <summary>Pages answer GET, HEAD and POST; any other method is refused before a page is touched.</summary>
public abstract class RefusingUnusualMethodsTests(CashApp app)
{
    public static TheoryData<string, string> MethodsAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "TRACE", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND" })
        {
            foreach (var path in new[] { "/services/le-declic", "/aide", "/suivi", "/pro/connexion", "/pro/demandes", "/api/services", "/erreur/404", "/nulle-part" })
            {
                data.Add(method, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndPages))]
    public async Task AnotherMethodGets405AndTheMethodsAllowed(string method, string path)
    {
        using var visitor = app.NewVisitor();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        using var response = await visitor.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<main", body, StringComparison.Ordinal);
        Assert.DoesNotContain(method, body, StringComparison.Ordinal);
        Assert.Single(response.Header("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task TheUsualMethodsStillReachThePages(string method)
    {
        using var visitor = app.NewVisitor();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("/services/le-declic", UriKind.Relative));
        using var response = await visitor.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class RefusingUnusualMethodsOnSqlite(SqliteCashApp app) : RefusingUnusualMethodsTests(app), IClassFixture<SqliteCashApp>;

public sealed class RefusingUnusualMethodsOnPostgres(PostgresCashApp app) : RefusingUnusualMethodsTests(app), IClassFixture<PostgresCashApp>;
