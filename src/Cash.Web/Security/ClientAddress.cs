using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cash.Web.Security;

/// <summary>
/// Who counts as one client for every limit (sign-in, help requests, receipt codes, replies).
/// An IPv4 address is one client. An IPv6 home connection or phone is given a whole /64 and picks
/// new addresses inside it at will, so the /64 is the client; an IPv4 address written as IPv6
/// (<c>::ffff:a.b.c.d</c>, as dual-stack servers report it) is that IPv4 address.
/// </summary>
public static class ClientAddress
{
    /// <summary>The key of a request whose address is unknown: all such requests share one budget.</summary>
    public const string Unknown = "unknown";

    public static string PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return PartitionKey(context.Connection.RemoteIpAddress);
    }

    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        // The first 64 bits, the rest zeroed; the zone (scope id) of a link-local address is dropped.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
    }
}
