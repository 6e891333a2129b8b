using System.IO.Compression;
using Cash.Tests.Infrastructure;
using Cash.Web.Domain.Tools;
using Cash.Web.Tools;

namespace Cash.Tests;

/// <summary>
/// The tools library's rules on the entities themselves (issue 12, point 3): two bookings of one kit
/// never share a day, the day a kit is returned is free for the next; a file's type comes from its
/// bytes; an upload is never read past its limit.
/// </summary>
public sealed class ToolRulesTests
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ABookingThatSharesADayWithAnotherIsRefusedAndNamesThatBooking()
    {
        var kit = Kit();
        var first = Book(kit, [], new(2027, 3, 15), new(2027, 3, 19));

        var (booking, conflict) = kit.Book(Guid.NewGuid(), 2, new(2027, 3, 18), new(2027, 3, 22), [first], Guid.NewGuid(), At);

        Assert.Null(booking);
        Assert.Same(first, conflict);

        // Inside, around, and on the same first day: all refused.
        foreach (var (from, until) in new[] { (new DateOnly(2027, 3, 16), new DateOnly(2027, 3, 17)), (new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 25)), (new DateOnly(2027, 3, 15), new DateOnly(2027, 3, 16)) })
        {
            Assert.Same(first, kit.Book(Guid.NewGuid(), 2, from, until, [first], Guid.NewGuid(), At).Conflict);
        }
    }

    [Fact]
    public void ABookingThatStartsOnTheDayAnotherIsReturnedIsAcceptedAndSoIsOneReturnedTheDayAnotherStarts()
    {
        var kit = Kit();
        var first = Book(kit, [], new(2027, 3, 15), new(2027, 3, 19));

        var after = Book(kit, [first], new(2027, 3, 19), new(2027, 3, 22));
        var before = Book(kit, [first, after], new(2027, 3, 10), new(2027, 3, 15));

        Assert.Equal(new DateOnly(2027, 3, 19), after.From);
        Assert.Equal(new DateOnly(2027, 3, 15), before.Until);
    }

    [Fact]
    public void ACancelledBookingFreesItsDaysAndEveryBookingMovesTheKitsSequenceOn()
    {
        var kit = Kit();
        var first = Book(kit, [], new(2027, 3, 15), new(2027, 3, 19));
        var sequence = kit.BookingSequence;

        kit.Cancel(first, Guid.NewGuid(), At);

        Assert.True(first.IsCancelled);
        Assert.True(kit.BookingSequence > sequence);
        Assert.NotNull(Book(kit, [first], new(2027, 3, 15), new(2027, 3, 19)));
    }

    [Fact]
    public void ABookingIsReturnedAfterTheDayItIsTakenAndOnlyAKitIsBooked()
    {
        var kit = Kit();
        Assert.Throws<ArgumentException>(() => kit.Book(Guid.NewGuid(), 1, new(2027, 3, 15), new(2027, 3, 15), [], Guid.NewGuid(), At));

        var video = new Tool(Guid.NewGuid(), 1, Guid.NewGuid(), At);
        video.Describe("Vidéo", ToolKind.Video, null, ToolAudience.Pupils, null, null, null, isKit: false, At);
        Assert.Throws<InvalidOperationException>(() => video.Book(Guid.NewGuid(), 1, new(2027, 3, 15), new(2027, 3, 16), [], Guid.NewGuid(), At));
    }

    [Fact]
    public void AFilesTypeComesFromItsBytes()
    {
        Assert.Equal(ToolFileType.Pdf, ToolFile.Recognise(SampleFiles.Pdf("livret")));
        Assert.Equal(ToolFileType.Png, ToolFile.Recognise(SampleFiles.Png("affiche")));
        Assert.Equal(ToolFileType.Jpeg, ToolFile.Recognise(SampleFiles.Jpeg("photo")));
        Assert.Equal(ToolFileType.Docx, ToolFile.Recognise(OfficeFiles.Docx()));
        Assert.Equal(ToolFileType.Xlsx, ToolFile.Recognise(OfficeFiles.Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))));
        Assert.Equal(ToolFileType.Pptx, ToolFile.Recognise(OfficeFiles.Zip(("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<presentation/>"))));
        Assert.Equal(ToolFileType.Odt, ToolFile.Recognise(OfficeFiles.Odt()));

        // An executable, HTML, a zip of anything else, a zip cut short, an OpenDocument spreadsheet: none.
        Assert.Null(ToolFile.Recognise(OfficeFiles.Executable()));
        Assert.Null(ToolFile.Recognise("<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.Null(ToolFile.Recognise(OfficeFiles.Zip(("hello.txt", "bonjour"), ("run.exe", "MZ"))));
        Assert.Null(ToolFile.Recognise(OfficeFiles.Docx()[..40]));
        Assert.Null(ToolFile.Recognise(OfficeFiles.Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>"))));
    }

    [Fact]
    public void ANameThatAnnouncesAnotherTypeThanTheBytesIsToldApart()
    {
        Assert.Equal(ToolFileType.Pdf, ToolUploads.NamedType("Livret.PDF"));
        Assert.Equal(ToolFileType.Jpeg, ToolUploads.NamedType("photo.jpeg"));
        Assert.Null(ToolUploads.NamedType("setup.exe"));
        Assert.Null(ToolUploads.NamedType("sans-extension"));
    }

    [Fact]
    public async Task AnUploadIsNeverReadBeyondItsLimitPlusOneByte()
    {
        var endless = new CountingStream(long.MaxValue);

        var read = await ToolUploads.ReadAtMostAsync(endless, 1_000_000, TestContext.Current.CancellationToken);

        Assert.Null(read);
        Assert.Equal(1_000_001, endless.Served);

        var small = new CountingStream(1_000_000);
        Assert.Equal(1_000_000, (await ToolUploads.ReadAtMostAsync(small, 1_000_000, TestContext.Current.CancellationToken))!.Length);
    }

    private static Tool Kit()
    {
        var kit = new Tool(Guid.NewGuid(), 1, Guid.NewGuid(), At);
        kit.Describe("Mallette « Stop harcèlement »", ToolKind.Game, null, ToolAudience.Pupils, 10, 14, "2 × 50 minutes", isKit: true, At);
        return kit;
    }

    private static ToolBooking Book(Tool kit, ToolBooking[] active, DateOnly from, DateOnly until)
    {
        var (booking, conflict) = kit.Book(Guid.NewGuid(), 1, from, until, active, Guid.NewGuid(), At);
        Assert.Null(conflict);
        return booking!;
    }
}

/// <summary>Small office documents and other files built for tests: zips with the entries that make each type.</summary>
public static class OfficeFiles
{
    public static byte[] Docx() => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<document/>"));

    public static byte[] Odt() => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));

    /// <summary>The start of a Windows executable.</summary>
    public static byte[] Executable() => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8.ToArray()];

    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.NoCompression).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>A stream of <c>length</c> bytes (a PDF's first bytes, then zeros) made as it is read, counting what was served.</summary>
public sealed class CountingStream(long length) : Stream
{
    private static readonly byte[] Head = "%PDF-1.4\n"u8.ToArray();

    public long Served { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - Served);
        Array.Clear(buffer, offset, n);
        for (var i = 0; i < n && Served + i < Head.Length; i++)
        {
            buffer[offset + i] = Head[Served + i];
        }

        Served += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
