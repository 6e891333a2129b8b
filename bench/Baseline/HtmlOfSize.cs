using System.Collections.Concurrent;
using System.Text;

namespace Cash.Bench.Baseline;

/// <summary>
/// HTML bodies of an exact byte count, built once per size and kept: serving one costs what writing
/// that many bytes from memory costs, nothing more.
/// </summary>
internal static class HtmlOfSize
{
    private static readonly ConcurrentDictionary<int, byte[]> Bodies = new();

    private const string Head = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Bytes</title></head><body>";
    private const string Line = "<p>Le harcèlement, on en parle. Une page de la taille d'une autre, servie depuis la mémoire.</p>\n";

    public static byte[] Get(int size) => Bodies.GetOrAdd(size, Build);

    private static byte[] Build(int size)
    {
        var text = new StringBuilder(Head);
        while (Encoding.UTF8.GetByteCount(text.ToString()) < size)
        {
            text.Append(Line);
        }

        // Cut to the exact size; only ASCII falls at the cut, so the body stays valid UTF-8.
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var body = new byte[size];
        Array.Copy(bytes, body, size);
        for (var i = size - 1; i >= 0 && i >= size - 4 && body[i] >= 0x80; i--)
        {
            body[i] = (byte)' ';
        }

        return body;
    }
}
