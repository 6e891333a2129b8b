namespace Cash.Tests.Infrastructure;

/// <summary>The smallest files a situation's documents accept.</summary>
public static class SampleFiles
{
    /// <summary>The smallest file of each kind the documents accept, with a marker inside so it can be looked for.</summary>
    public static byte[] Png(string marker) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.UTF8.GetBytes(marker), 0x00, 0xFF, 0xFE, 0x80];

    public static byte[] Pdf(string marker) => System.Text.Encoding.UTF8.GetBytes($"%PDF-1.4\n% {marker}\n%%EOF\n");

    public static byte[] Jpeg(string marker) => [0xFF, 0xD8, 0xFF, 0xE0, .. System.Text.Encoding.UTF8.GetBytes(marker), 0xC3, 0x28, 0xFF, 0xD9];
}
