using System.Text;

namespace Cash.Web.Prevention;

/// <summary>
/// The coverage as a spreadsheet opens it: UTF-8 with a byte order mark (so accents survive a
/// double click in Excel), cells separated by <c>;</c> (the Belgian list separator), lines ended by
/// CRLF, a cell quoted when it holds a separator, a quote or a line break (RFC 4180). A cell that
/// begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be read as a
/// formula: it is written after a single quote, so it stays text (a school's name is typed by people).
/// </summary>
public static class CoverageCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly char[] NeedsQuotes = [';', '"', '\r', '\n'];

    public static byte[] Write(IEnumerable<IReadOnlyList<string>> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin(';', line.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One cell: neutralised if it could start a formula, then quoted if it must be.</summary>
    public static string Cell(string? value)
    {
        var cell = value ?? "";
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
