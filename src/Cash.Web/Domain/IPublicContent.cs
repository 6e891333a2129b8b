namespace Cash.Web.Domain;

/// <summary>
/// A record the public pages show. Saving one (created, changed or deleted) tells every cache of
/// public content that its <see cref="PublicContentKind"/> changed, once the change is committed
/// (<c>Data/PublicContentInterceptor</c> → <c>Operations/PublicContentChanges</c>): no list of
/// types to keep up to date.
/// </summary>
public interface IPublicContent
{
    /// <summary>Which part of the public content this record belongs to: one of <see cref="PublicContentKinds"/>.</summary>
    string PublicContentKind { get; }
}

/// <summary>The kinds of public content, each of which a cache may hold apart from the others.</summary>
public static class PublicContentKinds
{
    /// <summary>The partner services and their texts.</summary>
    public const string Directory = "directory";

    public const string Schools = "schools";

    /// <summary>The orientation assistant's rules.</summary>
    public const string OrientationRules = "orientation-rules";

    /// <summary>The published serious-case procedures, printed as public resources.</summary>
    public const string Procedures = "procedures";

    /// <summary>The texts of the printed resources (poster, class-diary sheet).</summary>
    public const string Publications = "publications";
}
