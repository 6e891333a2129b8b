using System.Buffers.Binary;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Cash.Web.Publications;

/// <summary>
/// Lays a <see cref="ResourceDocument"/> out on pages of one <see cref="PaperFormat"/>: the title,
/// then its blocks, flowing onto as many pages as they need, in DejaVu Sans (embedded, text
/// selectable). Every page ends with the print date, the page's address and a QR code to it.
/// </summary>
public static class ResourcePdf
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>
    /// More characters than any printed line holds (A3's width in the smallest font, 5.5 pt, in its
    /// narrowest glyphs): a word cut to fit is never measured longer than this.
    /// </summary>
    private const int MaxCharactersPerLine = 600;

    public static byte[] Render(ResourceDocument document, PaperFormat format, Uri pageAddress, string printedOn, string scanHint)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(pageAddress);
        PrintFonts.Install();

        using var pdf = new PdfDocument();
        pdf.Info.Title = document.Title;
        pdf.Info.Subject = pageAddress.AbsoluteUri;
        pdf.Language = document.Language;

        var layout = new Layout(pdf, format, document.Resource == PrintedResource.Poster, QrImage(pageAddress.AbsoluteUri), pageAddress.AbsoluteUri, printedOn, scanHint);
        try
        {
            layout.Write(document.Title, layout.TitleFont, layout.TitleFont.Size * 0.6);
            foreach (var block in document.Blocks)
            {
                layout.Block(block);
            }
        }
        finally
        {
            layout.Finish();
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The QR code of <paramref name="text"/> as a 24-bit bitmap, four pixels per module, with its quiet zone.</summary>
    internal static byte[] QrBitmap(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix; // includes a four-module quiet zone
        const int scale = 4;
        var size = modules.Count * scale;
        var stride = ((size * 3) + 3) & ~3;
        var pixels = 54 + (stride * size);
        var bmp = new byte[pixels];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), pixels);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), size);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), size);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), stride * size);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(38), 2835);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(42), 2835);
        for (var y = 0; y < size; y++)
        {
            // Bitmaps are stored bottom row first.
            var row = 54 + ((size - 1 - y) * stride);
            for (var x = 0; x < size; x++)
            {
                var value = modules[y / scale][x / scale] ? (byte)0 : (byte)255;
                bmp[row + (x * 3)] = value;
                bmp[row + (x * 3) + 1] = value;
                bmp[row + (x * 3) + 2] = value;
            }
        }

        return bmp;
    }

    private static byte[] QrImage(string text) => QrBitmap(text);

    private sealed class Layout
    {
        private readonly PdfDocument pdf;
        private readonly PaperFormat format;
        private readonly byte[] qr;
        private readonly string address;
        private readonly string printedOn;
        private readonly string scanHint;
        private readonly double margin;
        private readonly double footer;
        private readonly double scale;
        private PdfPage? page;
        private XGraphics? gfx;
        private double y;

        public Layout(PdfDocument pdf, PaperFormat format, bool poster, byte[] qr, string address, string printedOn, string scanHint)
        {
            this.pdf = pdf;
            this.format = format;
            this.qr = qr;
            this.address = address;
            this.printedOn = printedOn;
            this.scanHint = scanHint;
            scale = format.WidthPt / PaperFormat.A4.WidthPt;
            margin = Math.Max(18, 48 * scale);
            footer = Math.Max(52, 80 * scale);
            var body = Math.Max(6.5, (poster ? 14 : 10) * scale);
            BodyFont = new XFont(PrintFonts.Family, body, XFontStyleEx.Regular, Unicode);
            NoteFont = new XFont(PrintFonts.Family, Math.Max(6, body * 0.85), XFontStyleEx.Regular, Unicode);
            HeadingFont = new XFont(PrintFonts.Family, body * 1.3, XFontStyleEx.Bold, Unicode);
            SubheadingFont = new XFont(PrintFonts.Family, body * 1.1, XFontStyleEx.Bold, Unicode);
            TitleFont = new XFont(PrintFonts.Family, body * (poster ? 2.2 : 1.8), XFontStyleEx.Bold, Unicode);
            SmallFont = new XFont(PrintFonts.Family, Math.Max(5.5, 7 * scale), XFontStyleEx.Regular, Unicode);
        }

        public XFont TitleFont { get; }

        private XFont BodyFont { get; }

        private XFont NoteFont { get; }

        private XFont HeadingFont { get; }

        private XFont SubheadingFont { get; }

        private XFont SmallFont { get; }

        private double Width => format.WidthPt - (2 * margin);

        private double Bottom => format.HeightPt - margin - footer;

        public void Block(PrintBlock block)
        {
            switch (block.Kind)
            {
                case BlockKind.Heading:
                    y += HeadingFont.Size * 0.5;
                    Write(block.Text, HeadingFont, HeadingFont.Size * 0.3, keepWithNext: true);
                    break;
                case BlockKind.Subheading:
                    y += SubheadingFont.Size * 0.3;
                    Write(block.Text, SubheadingFont, SubheadingFont.Size * 0.2, keepWithNext: true);
                    break;
                case BlockKind.Bullet:
                    Write(block.Text, BodyFont, BodyFont.Size * 0.3, bullet: true);
                    break;
                case BlockKind.Note:
                    Write(block.Text, NoteFont, NoteFont.Size * 0.4);
                    break;
                case BlockKind.Contact:
                    Write(block.Text, BodyFont, BodyFont.Size * 0.1);
                    break;
                default:
                    Write(block.Text, BodyFont, BodyFont.Size * 0.5);
                    break;
            }
        }

        public void Write(string text, XFont font, double after, bool bullet = false, bool keepWithNext = false)
        {
            var graphics = Graphics();
            var indent = bullet ? font.Size * 1.2 : 0;
            var lines = Wrap(graphics, text, font, Width - indent);
            var lineHeight = font.Size * 1.3;
            if (keepWithNext && y + (lineHeight * (lines.Count + 2)) > Bottom)
            {
                NewPage();
            }

            for (var i = 0; i < lines.Count; i++)
            {
                if (y + lineHeight > Bottom)
                {
                    NewPage();
                }

                graphics = Graphics();
                if (bullet && i == 0)
                {
                    graphics.DrawString("•", font, XBrushes.Black, margin, y, XStringFormats.TopLeft);
                }

                graphics.DrawString(lines[i], font, XBrushes.Black, margin + indent, y, XStringFormats.TopLeft);
                y += lineHeight;
            }

            y += after;
        }

        public void Finish()
        {
            if (page is null)
            {
                Graphics();
            }

            gfx?.Dispose();
            gfx = null;
        }

        private XGraphics Graphics()
        {
            if (gfx is null)
            {
                NewPage();
            }

            return gfx!;
        }

        private void NewPage()
        {
            gfx?.Dispose();
            page = pdf.AddPage();
            page.Width = XUnit.FromPoint(format.WidthPt);
            page.Height = XUnit.FromPoint(format.HeightPt);
            gfx = XGraphics.FromPdfPage(page);
            y = margin;
            Footer(gfx);
        }

        /// <summary>The print date, the address and the QR code to it, at the foot of the page.</summary>
        private void Footer(XGraphics graphics)
        {
            var side = footer - 8;
            var top = format.HeightPt - margin - side;
            using (var stream = new MemoryStream(qr, writable: false))
            using (var image = XImage.FromStream(stream))
            {
                graphics.DrawImage(image, format.WidthPt - margin - side, top, side, side);
            }

            var textWidth = Width - side - 8;
            var line = top + 4;
            foreach (var text in new[] { printedOn, scanHint, address })
            {
                foreach (var wrapped in Wrap(graphics, text, SmallFont, textWidth))
                {
                    graphics.DrawString(wrapped, SmallFont, XBrushes.Black, margin, line, XStringFormats.TopLeft);
                    line += SmallFont.Size * 1.3;
                }
            }
        }

        private static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (graphics.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;

                    // A word wider than the column (an address, a pasted blob) is cut where it must be:
                    // the longest piece that fits, found by halving, never measuring more than a line can hold.
                    while (line.Length > 1 && graphics.MeasureString(line, font).Width > width)
                    {
                        int low = 1, high = Math.Min(line.Length - 1, MaxCharactersPerLine);
                        while (low < high)
                        {
                            var middle = (low + high + 1) / 2;
                            if (graphics.MeasureString(line[..middle], font).Width <= width)
                            {
                                low = middle;
                            }
                            else
                            {
                                high = middle - 1;
                            }
                        }

                        lines.Add(line[..low]);
                        line = line[low..];
                    }
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }

            return lines;
        }
    }
}
