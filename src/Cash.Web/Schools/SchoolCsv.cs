using System.Text;
using CsvHelper;

namespace Cash.Web.Schools;

/// <summary>
/// Reads a file of schools: UTF-8 with or without a byte order mark, separated by ";" (what
/// Belgian Excel writes) or ",", with a header naming the columns in French or English. Every
/// problem is reported with its line and column; nothing here touches the database.
/// </summary>
public static class SchoolCsv
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Far more than Mouscron has schools: a longer file is a mistake (the wrong file), not a list of schools.</summary>
    public const int MaxRows = 1000;

    public const string NameColumn = "nom";
    public const string NetworkColumn = "reseau";
    public const string PmsColumn = "centre_pms";
    public const string AddressColumn = "adresse";

    /// <summary>The example file offered for download: the header and one clearly invented school.</summary>
    public const string Template = "nom;reseau;centre_pms;adresse\r\nÉcole d’exemple (à remplacer);libre;cpms-libre-mouscron-1;Rue de l’Exemple 1, 7700 Mouscron\r\n";

    // Header names as people write them, folded (no case, no accents, "_" "-" and spaces alike).
    private static readonly Dictionary<string, string> HeaderWords = new(StringComparer.Ordinal)
    {
        ["nom"] = NameColumn,
        ["name"] = NameColumn,
        ["nom de l ecole"] = NameColumn,
        ["reseau"] = NetworkColumn,
        ["network"] = NetworkColumn,
        ["centre pms"] = PmsColumn,
        ["centrepms"] = PmsColumn,
        ["pms"] = PmsColumn,
        ["pms centre"] = PmsColumn,
        ["adresse"] = AddressColumn,
        ["address"] = AddressColumn,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One school as the file gives it, trimmed; empty cells are null.</summary>
    public sealed record Row(int Line, string Name, string Network, string? Pms, string? Address);

    /// <summary>A problem: the line (1 is the header; null for the whole file), the column as the file names it, and a resource key with its arguments.</summary>
    public sealed record Problem(int? Line, string? Column, string Key, params object[] Arguments);

    /// <summary>The rows, the problems, and whether the optional columns are there (absent leaves a school's value alone; an empty cell clears it).</summary>
    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyList<Problem> Problems, bool HasPmsColumn = false, bool HasAddressColumn = false, string PmsHeader = PmsColumn);

    /// <summary>The file's text, or null when it is not UTF-8 (the BOM, if any, removed).</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static Result Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<Problem>();
        var rows = new List<Row>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new Problem(null, null, "Schools.Import.Error.Empty"));
            return new Result(rows, problems);
        }

        // The header names hold neither separator, so its first line says which one the file uses;
        // the library's own guess is statistical and an address with commas could mislead it.
        var firstLine = text.AsSpan(0, IndexOfLineEnd(text));
        var separator = firstLine.Contains(';') ? ';' : ',';
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            AllowLineBreaksInQuotes = false,
            IncludeValuesInExceptions = false,
        };

        using var reader = CsvReader.FromText(text, options);
        var headers = reader.Headers;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i]?.Trim() ?? "";
            if (header.Length == 0)
            {
                continue;
            }

            if (!HeaderWords.TryGetValue(FoldHeader(header), out var column))
            {
                problems.Add(new Problem(1, header, "Schools.Import.Error.UnknownColumn", header));
            }
            else if (!columns.TryAdd(column, i))
            {
                problems.Add(new Problem(1, header, "Schools.Import.Error.ColumnTwice", header));
            }
        }

        foreach (var required in new[] { NameColumn, NetworkColumn })
        {
            if (!columns.ContainsKey(required))
            {
                problems.Add(new Problem(1, required, "Schools.Import.Error.MissingColumn", required));
            }
        }

        if (problems.Count > 0)
        {
            return new Result(rows, problems);
        }

        string? Cell(CsvReader reader, string column) =>
            columns.TryGetValue(column, out var index) && index < reader.FieldCount
                ? reader.GetString(index)?.Trim() is { Length: > 0 } value ? value : null
                : null;

        var headerName = columns.ToDictionary(c => c.Key, c => headers[c.Value].Trim(), StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(SchoolNames.Comparer);
        while (true)
        {
            try
            {
                if (!reader.Read())
                {
                    break;
                }
            }
            catch (CsvFormatException)
            {
                problems.Add(new Problem(null, null, "Schools.Import.Error.Malformed"));
                break;
            }

            var line = (int)reader.LineNumber;
            if (reader.FieldCount > headers.Count && Enumerable.Range(headers.Count, reader.FieldCount - headers.Count).Any(i => !reader.IsEmpty(i)))
            {
                problems.Add(new Problem(line, null, "Schools.Import.Error.TooManyCells", reader.FieldCount, headers.Count));
                continue;
            }

            var name = Cell(reader, NameColumn);
            var network = Cell(reader, NetworkColumn);
            var pms = Cell(reader, PmsColumn);
            var address = Cell(reader, AddressColumn);
            if (name is null && network is null && pms is null && address is null)
            {
                // A row of separators only (";;;"): Excel leaves those after the last school.
                continue;
            }

            if (rows.Count + problems.Count >= MaxRows)
            {
                problems.Add(new Problem(line, null, "Schools.Import.Error.TooManyRows", MaxRows));
                break;
            }

            var valid = true;
            void Refuse(string column, string key, params object[] arguments)
            {
                problems.Add(new Problem(line, headerName[column], key, arguments));
                valid = false;
            }

            if (name is null)
            {
                Refuse(NameColumn, "Schools.Import.Error.NameRequired");
            }
            else if (SchoolNames.Key(name).Length > SchoolNames.MaxNameLength)
            {
                Refuse(NameColumn, "Schools.Import.Error.NameTooLong", SchoolNames.MaxNameLength);
            }
            else if (seen.TryGetValue(SchoolNames.Key(name), out var firstLineOfName))
            {
                Refuse(NameColumn, "Schools.Import.Error.NameTwice", firstLineOfName);
            }
            else
            {
                seen.Add(SchoolNames.Key(name), line);
            }

            if (network is null)
            {
                Refuse(NetworkColumn, "Schools.Import.Error.NetworkRequired");
            }
            else if (!SchoolNetworks.TryParseWord(network, out _))
            {
                Refuse(NetworkColumn, "Schools.Import.Error.NetworkUnknown", Shorten(network));
            }

            if (address is not null && address.Length > SchoolNames.MaxAddressLength)
            {
                Refuse(AddressColumn, "Schools.Import.Error.AddressTooLong", SchoolNames.MaxAddressLength);
            }

            if (valid)
            {
                rows.Add(new Row(line, SchoolNames.Key(name!), network!, pms, address));
            }
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new Problem(null, null, "Schools.Import.Error.NoRows"));
        }

        return new Result(rows, problems, columns.ContainsKey(PmsColumn), columns.ContainsKey(AddressColumn), headerName.GetValueOrDefault(PmsColumn, PmsColumn));
    }

    /// <summary>A value quoted back in a message, cut so one absurd cell cannot fill the page.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 60), "…");

    private static int IndexOfLineEnd(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text.Length : end;
    }

    private static string FoldHeader(string header) =>
        SchoolNetworks.Fold(header.Replace('_', ' ').Replace('-', ' ').Replace('’', ' ').Replace('\'', ' '));
}
