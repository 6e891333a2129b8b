using Cash.Web.Operations;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cash.Web.Api;

/// <summary>
/// The OpenAPI description names the site's configured public address (<c>Site:BaseUrl</c>), never
/// the host a client claimed in its request; without one it names no server, which means "this one".
/// </summary>
internal sealed class OpenApiServers(IConfiguration configuration) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var configured = SiteAddress.Configured(configuration);
        document.Servers = configured is null
            ? []
            : [new OpenApiServer { Url = configured.GetLeftPart(UriPartial.Authority) + configured.AbsolutePath.TrimEnd('/') }];
        return Task.CompletedTask;
    }
}
