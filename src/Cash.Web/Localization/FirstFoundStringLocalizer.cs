using Microsoft.Extensions.Localization;

namespace Cash.Web.Localization;

/// <summary>Reads a string from the first resource set that has it: a feature's own set, then a wider one.</summary>
internal sealed class FirstFoundStringLocalizer(IStringLocalizer first, IStringLocalizer then) : IStringLocalizer
{
    public LocalizedString this[string name] => first[name] is { ResourceNotFound: false } found ? found : then[name];

    public LocalizedString this[string name, params object[] arguments] =>
        first[name, arguments] is { ResourceNotFound: false } found ? found : then[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        first.GetAllStrings(includeParentCultures).Concat(then.GetAllStrings(includeParentCultures));
}
