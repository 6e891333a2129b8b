using System.Globalization;

namespace Cash.Web.Forms;

/// <summary>
/// The one way a choice sent by a form or a link becomes an enum value: a declared name, exactly as
/// declared, and nothing else. <see cref="Enum.TryParse{TEnum}(string?, out TEnum)"/> would also take
/// "3", "999", " Verbal", "verbal" or "Physical, Verbal", each a value no page ever offered.
/// </summary>
public static class StrictEnums
{
    /// <summary>No declared name is longer; longer values are not even looked at.</summary>
    public const int MaxNameLength = 64;

    /// <summary>A [Flags] choice is a handful of boxes; more values than this is not a browser.</summary>
    public const int MaxFlags = 32;

    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        if (TryParse(typeof(TEnum), value, out var parsed))
        {
            result = (TEnum)parsed;
            return true;
        }

        result = default;
        return false;
    }

    /// <summary>The declared value named <paramref name="value"/>, or null.</summary>
    public static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(value, out var result) ? result : null;

    public static bool TryParse(Type enumType, string? value, out object result)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        result = 0;
        if (string.IsNullOrEmpty(value) || value.Length > MaxNameLength)
        {
            return false;
        }

        foreach (var name in Enum.GetNames(enumType))
        {
            if (string.Equals(name, value, StringComparison.Ordinal))
            {
                result = Enum.Parse(enumType, name);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A [Flags] value from one name per value (one per ticked box), each a declared name of a single
    /// choice: "None" and unknown names make the whole set unreadable rather than half-read.
    /// </summary>
    public static bool TryParseFlags(Type enumType, IEnumerable<string?> values, out object result)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        ArgumentNullException.ThrowIfNull(values);
        result = Enum.ToObject(enumType, 0);
        long all = 0;
        var count = 0;
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (++count > MaxFlags || !TryParse(enumType, value, out var flag) || ToInt64(flag) == 0)
            {
                return false;
            }

            all |= ToInt64(flag);
        }

        result = Enum.ToObject(enumType, all);
        return true;
    }

    /// <summary>The single choices set in <paramref name="flags"/>, in declaration order ("None" left out).</summary>
    public static IEnumerable<TEnum> Each<TEnum>(TEnum flags)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(f => ToInt64(f) != 0 && flags.HasFlag(f));

    /// <summary>The names of the single choices set in <paramref name="flags"/>, as the checkboxes send them.</summary>
    public static IReadOnlyCollection<string> Names<TEnum>(TEnum flags)
        where TEnum : struct, Enum =>
        [.. Each(flags).Select(f => f.ToString())];

    public static bool IsFlags(Type enumType) => enumType.IsDefined(typeof(FlagsAttribute), inherit: false);

    private static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
