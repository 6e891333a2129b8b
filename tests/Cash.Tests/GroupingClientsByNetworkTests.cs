using System.Net;
using Cash.Tests.Infrastructure;
using Cash.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Cash.Tests;

/// <summary>
/// One home connection on IPv6 gets a whole /64, billions of addresses: every limit counts that
/// network as one client, and an IPv4 address written as IPv6 as that IPv4 address.
/// </summary>
public abstract class GroupingClientsByNetworkTests(CashApp app)
{
    private const string HomeNetwork = "2001:db8:4a:17";

    [Fact]
    public async Task ThirtyAddressesOfOneHomeNetworkShareOneBudgetOfWrongCodes()
    {
        using var guarded = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpFailuresPerClient", "5"));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await GuessFromAsync(guarded, AddressInHomeNetwork(i)));
        }

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(25, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, await GuessFromAsync(guarded, "2001:db8:4a:18::1"));
    }

    [Fact]
    public async Task AnIpv4AddressWrittenAsIpv6IsTheSameClient()
    {
        using var guarded = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:FollowUpFailuresPerClient", "2"));

        Assert.Equal(HttpStatusCode.OK, await GuessFromAsync(guarded, "198.51.100.23"));
        Assert.Equal(HttpStatusCode.OK, await GuessFromAsync(guarded, "198.51.100.23"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await GuessFromAsync(guarded, "::ffff:198.51.100.23"));
        Assert.Equal(HttpStatusCode.OK, await GuessFromAsync(guarded, "198.51.100.24"));
    }

    [Fact]
    public async Task AddressesOfOneHomeNetworkShareOneBudgetOfHelpRequests()
    {
        using var limited = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:HelpSubmissionsPerClientPerHour", "3"));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var browser = limited.NewBrowser().From(AddressInHomeNetwork(100 + i));
            var (response, _) = await browser.SendAsync(HelpForms.Valid("Demande depuis la maison " + i));
            answers.Add(response.StatusCode);
        }

        using var neighbour = limited.NewBrowser().From("2001:db8:4a:19::1");
        var (other, _) = await neighbour.SendAsync(HelpForms.Valid("Demande des voisins"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AddressesOfOneHomeNetworkShareOneBudgetOfSignInAttempts()
    {
        await using var strict = app.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignInAttemptsPerWindow", "3"));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await SignInFromAsync(strict, AddressInHomeNetwork(200 + i), i));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, await SignInFromAsync(strict, "2001:db8:4a:1a::1", 99));
    }

    /// <summary>A different interface id each time, as a phone's privacy addresses change, inside the one /64.</summary>
    private static string AddressInHomeNetwork(int i) => $"{HomeNetwork}:{i + 1:x}:{(i * 7919) % 65536:x}:{i * 31 % 65536:x}:{0xbeef - i:x}";

    private static async Task<HttpStatusCode> GuessFromAsync(WebApplicationFactory<Program> site, string address)
    {
        using var browser = site.NewBrowser().From(address);
        var (response, _) = await browser.OpenThreadAsync("0000 0000 0000 0042");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> SignInFromAsync(WebApplicationFactory<Program> site, string address, int attempt)
    {
        using var browser = site.NewBrowser().From(address);
        using var response = await browser.PostFormAsync("/pro/connexion", new Dictionary<string, string?>
        {
            ["Input.Email"] = $"guess{attempt}@example.be",
            ["Input.Password"] = "wrong password here",
        });
        return response.StatusCode;
    }
}

/// <summary>What counts as one client, address by address.</summary>
public sealed class CountingClientsTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:4a:17:1:2:3:4", "2001:db8:4a:17::/64")]
    [InlineData("2001:db8:4a:17:ffff:ffff:ffff:ffff", "2001:db8:4a:17::/64")]
    [InlineData("2001:db8:4a:18::1", "2001:db8:4a:18::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::1", "::/64")]
    public void AnAddressCountsAsItsClient(string address, string client) =>
        Assert.Equal(client, ClientAddress.PartitionKey(IPAddress.Parse(address)));

    [Fact]
    public void AMissingAddressCountsAsOneUnknownClient() =>
        Assert.Equal(ClientAddress.Unknown, ClientAddress.PartitionKey((IPAddress?)null));
}

public sealed class GroupingClientsByNetworkOnSqlite(SqliteCashApp app) : GroupingClientsByNetworkTests(app), IClassFixture<SqliteCashApp>;

public sealed class GroupingClientsByNetworkOnPostgres(PostgresCashApp app) : GroupingClientsByNetworkTests(app), IClassFixture<PostgresCashApp>;
