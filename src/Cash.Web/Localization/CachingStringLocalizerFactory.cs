using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Cash.Web.Localization;

/// <summary>
/// Remembers every text once read, per culture: a page reads a hundred of them, and each read of
/// the resource manager walks the culture fallback (fr-BE, fr, neutral) under a lock that every
/// request contends for. The texts are compiled into the assembly, so they never change while the
/// app runs.
/// </summary>
internal sealed class CachingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<(Type?, string?, string?), IStringLocalizer> localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        localizers.GetOrAdd((resourceSource, null, null), _ => new CachingStringLocalizer(inner.Create(resourceSource)));

    public IStringLocalizer Create(string baseName, string location) =>
        localizers.GetOrAdd((null, baseName, location), _ => new CachingStringLocalizer(inner.Create(baseName, location)));

    private sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> texts = new();

        // Names are written in the code, some with an enum value or a number in them: far fewer than
        // this. The bound keeps a name built from stored data from growing the cache without end.
        private const int MaxTexts = 20_000;

        public LocalizedString this[string name]
        {
            get
            {
                var key = (CultureInfo.CurrentUICulture.Name, name);
                if (texts.TryGetValue(key, out var text))
                {
                    return text;
                }

                text = inner[name];
                if (texts.Count < MaxTexts)
                {
                    texts.TryAdd(key, text);
                }

                return text;
            }
        }

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                // As the resource manager's localizer does: the format in the UI culture, the values in the culture.
                var format = this[name];
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }
}
