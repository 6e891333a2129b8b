using System.Globalization;
using QRCoder;

namespace Cash.Web.Security;

/// <summary>What a person needs to add CASH to an authenticator app: the key grouped for typing, and its QR code, made on the server.</summary>
public static class AuthenticatorSetup
{
    /// <summary>The key in groups of four, lower case, for typing by hand.</summary>
    public static string SharedKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    }

    /// <summary>The <c>otpauth://</c> address as a PNG data URI (no request leaves the machine to draw it).</summary>
    public static string QrCodeDataUri(string issuer, string account, string key)
    {
        var escapedIssuer = Uri.EscapeDataString(issuer);
        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{escapedIssuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={escapedIssuer}&digits=6&period=30");
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
