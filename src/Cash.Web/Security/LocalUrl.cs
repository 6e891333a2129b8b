namespace Cash.Web.Security;

/// <summary>
/// The one test for an address built from a request (a path, a return address) before it goes into
/// a link or a redirect: it must stay on this site.
/// </summary>
/// <remarks>
/// Browsers read <c>//host/…</c> as "another site, same scheme", treat a backslash as a slash
/// (<c>/\host</c> is <c>//host</c>), and drop tabs and line breaks inside an address (<c>/\t/host</c>
/// is <c>//host</c> again). So a local address starts with one slash, and holds no backslash and no
/// control character anywhere. Checked on the decoded text: <c>/%2F%2Fhost</c> as written is a
/// harmless path, but once decoded by a framework it must be checked again.
/// </remarks>
public static class LocalUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="url"/> when it is local, otherwise the home page.</summary>
    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
