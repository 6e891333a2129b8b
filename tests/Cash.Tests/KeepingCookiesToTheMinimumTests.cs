using System.Net;
using Cash.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Cash.Tests;

/// <summary>The public side sets no cookie but the one that remembers a language the visitor chose.</summary>
public abstract class KeepingCookiesToTheMinimumTests(CashApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/services")]
    [InlineData("/harcelement")]
    public async Task BrowsingSetsNoCookie(string path)
    {
        using var response = await app.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Header("Set-Cookie"));
    }

    [Fact]
    public async Task ChoosingALanguageSetsOnlyTheLanguageCookie()
    {
        using var response = await app.GetAsync("/services?culture=nl-BE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = SetCookieHeaderValue.Parse(Assert.Single(response.Header("Set-Cookie")));
        Assert.Equal("cash-lang", cookie.Name.Value);
        Assert.Equal("c=nl-BE|uic=nl-BE", Uri.UnescapeDataString(cookie.Value.Value ?? ""));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path.Value);
    }

    [Fact]
    public async Task ConfirmingTheLanguageAlreadyRememberedSetsNoCookie()
    {
        using var response = await app.GetAsync("/services?culture=nl-BE", request => request.Headers.Add("Cookie", "cash-lang=c=nl-BE|uic=nl-BE"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Header("Set-Cookie"));
    }

    [Theory]
    [InlineData("/aide")]
    [InlineData("/suivi")]
    [InlineData("/pro/connexion")]
    [InlineData("/services?culture=nl-BE")]
    public async Task OverHttpsEveryCookieIsSecure(string path)
    {
        using var response = await app.GetAsync(path, request => request.RequestUri = new Uri(new Uri("https://localhost"), request.RequestUri!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Header("Set-Cookie").Select(c => SetCookieHeaderValue.Parse(c)).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.True(cookie.Secure, $"{cookie.Name} is not Secure."));
    }

    [Fact]
    public async Task TheFormsSecurityCookieIsTheOneThePrivacyPageNames()
    {
        using var response = await app.GetAsync("/aide");

        var cookie = SetCookieHeaderValue.Parse(Assert.Single(response.Header("Set-Cookie")));
        Assert.StartsWith(".AspNetCore.Antiforgery", cookie.Name.Value, StringComparison.Ordinal);
        Assert.Contains(".AspNetCore.Antiforgery", Translations.Content("Privacy.Cookie.Delete", "fr"), StringComparison.Ordinal);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
    }
}

public sealed class KeepingCookiesToTheMinimumOnSqlite(SqliteCashApp app) : KeepingCookiesToTheMinimumTests(app), IClassFixture<SqliteCashApp>;

public sealed class KeepingCookiesToTheMinimumOnPostgres(PostgresCashApp app) : KeepingCookiesToTheMinimumTests(app), IClassFixture<PostgresCashApp>;
