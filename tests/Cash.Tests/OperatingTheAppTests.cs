using System.Net;
using System.Text.Json;
using Cash.Tests.Infrastructure;

namespace Cash.Tests;

public abstract class OperatingTheAppTests(CashApp app)
{
    [Fact]
    public async Task TheHealthCheckSaysHealthyWhenTheDatabaseAnswers()
    {
        using var response = await app.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheOpenApiDescriptionDescribesTheDirectory()
    {
        using var response = await app.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/api/services", out var path));
        Assert.True(path.TryGetProperty("get", out _));
    }
}

public sealed class OperatingTheAppOnSqlite(SqliteCashApp app) : OperatingTheAppTests(app), IClassFixture<SqliteCashApp>;

public sealed class OperatingTheAppOnPostgres(PostgresCashApp app) : OperatingTheAppTests(app), IClassFixture<PostgresCashApp>;
