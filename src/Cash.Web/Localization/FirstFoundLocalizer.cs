using Microsoft.Extensions.Localization;

namespace Cash.Web.Localization;

/// <summary>Looks a string up in several resources in turn and gives the first that has it (or, when none does, the first's answer).</summary>
internal sealed class FirstFoundLocalizer(params IStringLocalizer[] localizers) : IStringLocalizer
{
    public LocalizedString this[string name] => Find(l => l[name]);

    public LocalizedString this[string name, params object[] arguments] => Find(l => l[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        localizers.SelectMany(l => l.GetAllStrings(includeParentCultures));

    private LocalizedString Find(Func<IStringLocalizer, LocalizedString> lookUp)
    {
        LocalizedString? notFound = null;
        foreach (var localizer in localizers)
        {
            var found = lookUp(localizer);
            if (!found.ResourceNotFound)
            {
                return found;
            }

            notFound ??= found;
        }

        return notFound ?? throw new InvalidOperationException("No resource to look in.");
    }
}
