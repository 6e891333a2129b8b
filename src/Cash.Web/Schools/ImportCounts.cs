using System.Globalization;
using Cash.Web.Schools;

namespace Cash.Web.Schools;

/// <summary>What an import did, carried in the address of the confirmation ("3-1-5") and in its audit entry.</summary>
public sealed record ImportCounts(int Created, int Updated, int Unchanged)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Created}-{Updated}-{Unchanged}");

    /// <summary>The audit entry's entity id: counts only, never a name.</summary>
    public string ForAudit() => string.Create(CultureInfo.InvariantCulture, $"created={Created};updated={Updated};unchanged={Unchanged}");

    public static ImportCounts? TryParse(string? text)
    {
        var parts = text?.Split('-');
        if (parts is not { Length: 3 })
        {
            return null;
        }

        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new ImportCounts(numbers[0], numbers[1], numbers[2]);
    }
}
