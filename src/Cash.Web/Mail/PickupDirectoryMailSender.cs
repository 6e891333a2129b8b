using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Cash.Web.Mail;

/// <summary>
/// The default run has no mail server: each message becomes an <c>.eml</c> file that any mail
/// program opens. Names start with the UTC time, so a listing sorts in sending order.
/// </summary>
internal sealed class PickupDirectoryMailSender(IOptions<SmtpOptions> options, IHostEnvironment environment, TimeProvider time) : IMailSender
{
    private static readonly FormatOptions EmlFormat = CreateEmlFormat();

    public string Folder { get; } = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // What an SMTP client does before sending: 7-bit transfer encodings and short lines, so the
        // file opens anywhere and can be relayed as is.
        message.Prepare(EncodingConstraint.SevenBit);
        var name = $"{time.GetUtcNow():yyyyMMdd'T'HHmmss'.'fffffff'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var temporary = Path.Combine(Folder, $".{name}.tmp");
        try
        {
            CreateFolder();

            // Written under a name no reader looks for, then renamed: a reader never sees half a message.
            await using (var stream = new FileStream(temporary, PrivateFile()))
            {
                await message.WriteToAsync(EmlFormat, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            File.Move(temporary, Path.Combine(Folder, $"{name}.eml"), overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException($"The e-mail could not be written to {Folder}: {e.GetType().Name}.");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private void CreateFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // Invitation links are secrets until used: only the app's own account may read them.
    private static FileStreamOptions PrivateFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static FormatOptions CreateEmlFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
