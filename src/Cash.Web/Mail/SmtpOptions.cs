namespace Cash.Web.Mail;

/// <summary>
/// The <c>Smtp</c> settings. With no <see cref="Host"/> (the default run) nothing is sent: every
/// message is written as an <c>.eml</c> file into <see cref="PickupDirectory"/>.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>Leave empty for a relay that does not ask for authentication.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string From { get; set; } = "CASH Mouscron <no-reply@localhost>";

    /// <summary>Relative paths are resolved against the content root.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public bool UsesPickupDirectory => string.IsNullOrWhiteSpace(Host);
}

public enum SmtpSecurity
{
    /// <summary>Plain text all the way: only for a relay on the same machine or a test server.</summary>
    None,

    /// <summary>Upgrades the connection with STARTTLS and refuses to go on without it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
