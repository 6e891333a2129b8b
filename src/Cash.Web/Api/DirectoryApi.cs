using System.Security.Cryptography;
using System.Text.Json;
using Cash.Web.Domain.Directory;
using Cash.Web.Operations;
using Cash.Web.PartnerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Cash.Web.Api;

/// <summary>The public directory as open data: <c>GET /api/services</c>, with an ETag for cheap revalidation.</summary>
internal static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/services", GetServicesAsync)
            .AllowAnonymous()
            .CacheOutput(PublicOutputCache.Policy)
            .Produces<List<ServiceDto>>(StatusCodes.Status200OK, "application/json")
            .WithName("GetServices")
            .WithSummary("The CASH partner services directory, in French, Dutch and English.")
            .WithTags("Directory");
        return endpoints;
    }

    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> GetServicesAsync(
        HttpContext http, PartnerDirectoryCache directory, CancellationToken cancellationToken)
    {
        var services = (await directory.GetAsync(cancellationToken)).PublishedServices;

        var body = JsonSerializer.SerializeToUtf8Bytes(services.Select(ServiceDto.From).ToList(), JsonSerializerOptions.Web);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();

        if (http.Request.Headers.IfNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(body, "application/json; charset=utf-8");
    }

    internal sealed record ServiceDto(
        string Slug,
        string Kind,
        string Phone,
        string PhoneUri,
        string Email,
        string[] Capabilities,
        string[] Audiences,
        bool ActsOnlyWithAgreement,
        Dictionary<string, ServiceTextDto> Texts)
    {
        public static ServiceDto From(PartnerService s) => new(
            s.Slug,
            s.Kind.ToString(),
            s.Phone,
            s.PhoneUri,
            s.Email,
            Flags(s.Capabilities),
            Flags(s.Audiences),
            s.ActsOnlyWithAgreement,
            s.Texts.OrderBy(t => t.Language, StringComparer.Ordinal).ToDictionary(
                t => t.Language,
                t => new ServiceTextDto(t.Name, t.WhatWeCanDo, t.ForWhom, t.Conditions, t.Confidentiality)));

        private static string[] Flags<T>(T value)
            where T : struct, Enum =>
            [.. Enum.GetValues<T>().Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) != 0 && value.HasFlag(f)).Select(f => f.ToString())];
    }

    internal sealed record ServiceTextDto(string Name, string WhatWeCanDo, string ForWhom, string Conditions, string Confidentiality);
}
