using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Cash.Web.Forms;

/// <summary>
/// Puts model-state keys (<c>Input.Email</c>, <c>Texts[1].Name</c>) in the order their fields are
/// declared on the page model, which is the order they appear on the page: the GOV.UK error
/// summary lists problems in page order.
/// </summary>
public static class FieldOrder
{
    public static IEnumerable<string> Sort(object? model, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys
            .Select(key => (key, position: PositionOf(model?.GetType(), key)))
            .OrderBy(k => k.position, PositionComparer.Instance)
            .Select(k => k.key);
    }

    // One number per segment of the key: declaration rank of the property, then the index in a collection.
    private static List<int> PositionOf(Type? type, string key)
    {
        var position = new List<int>();
        foreach (var segment in key.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            position.Add(property is null ? int.MaxValue : Rank(type!, property));
            type = property?.PropertyType;
            if (bracket >= 0)
            {
                position.Add(int.TryParse(segment[(bracket + 1)..].TrimEnd(']'), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue);
                type = ElementType(type);
            }
        }

        return position;
    }

    private static int Rank(Type type, PropertyInfo property) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.MetadataToken)
            .ToList()
            .FindIndex(p => p.Name == property.Name);

    private static Type? ElementType(Type? type) =>
        type is null ? null
        : type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1]
        : null;

    private sealed class PositionComparer : IComparer<List<int>>
    {
        public static readonly PositionComparer Instance = new();

        public int Compare(List<int>? x, List<int>? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var order = x[i].CompareTo(y[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return x.Count.CompareTo(y.Count);
        }
    }
}
