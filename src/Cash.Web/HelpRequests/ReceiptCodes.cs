using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Cash.Web.Domain.Help;
using Cash.Web.Security;

namespace Cash.Web.HelpRequests;

/// <summary>
/// The 16-digit receipt code a sender keeps to come back to their thread, grouped 4-4-4-4.
/// </summary>
/// <remarks>
/// <para>
/// The code is derived from the form's one-time submission key with a keyed HMAC, so a double
/// click or a resubmission after a network error shows the same code again without the code ever
/// being stored. Its first <see cref="IdLength"/> digits are a public look-up id
/// (<see cref="HelpRequest.ReceiptId"/>); the other <see cref="SecretLength"/> digits are the secret.
/// </para>
/// <para>
/// Neither the code nor the submission key is stored. The form's key is kept only as a keyed hash
/// (<see cref="SubmissionKeyHash"/>), enough to recognise the same form sent again; the code shown
/// again then is derived from the key the browser sends, so nothing in the database, read as the
/// requests arrive, gives a code away.
/// </para>
/// <para>
/// What is stored of the code is HMAC-SHA256(binding key, request id ‖ HMAC-SHA256(pepper, salt ‖ code))
/// with a random 16-byte salt per request and both keys derived from the master key, which never
/// enters the database (ASVS 2.6.2: a lookup secret of fewer than 112 bits is salted with a unique
/// random salt and hashed with an approved one-way function). The request's id makes the hash open
/// that request only: a receipt's id, salt and hash copied onto another request open nothing there.
/// The id is added around the first hash rather than inside it so that hashes stored before it was
/// added could be bound to their request without their codes (<see cref="BindLegacyHash"/>).
/// The hash is keyed rather than slow: without the master key a stolen database gives no way to
/// test a guess at all, however much computing power is used, and whoever holds the master key can
/// decrypt the threads directly, so a slow hash would protect nothing more while making every
/// submission and every look-up cost tens of milliseconds of CPU. Online guessing is stopped by the
/// follow-up page's limits (per client and global, with a growing delay).
/// </para>
/// </remarks>
public sealed class ReceiptCodes(MasterKey masterKey)
{
    public const int Length = 16;
    public const int IdLength = 7;
    public const int SecretLength = Length - IdLength;
    public const int SaltLength = 16;

    private static readonly BigInteger Modulus = BigInteger.Pow(10, Length);

    public const int SubmissionKeyHashLength = HMACSHA256.HashSizeInBytes;

    private readonly byte[] derivationKey = masterKey.Derive("cash/receipt/derive/v1");
    private readonly byte[] pepper = masterKey.Derive("cash/receipt/hash/v1");
    private readonly byte[] bindingKey = masterKey.Derive("cash/receipt/bind/v1");
    private readonly byte[] submissionKeyHashKey = masterKey.Derive("cash/help/submission-key/v1");

    /// <summary>
    /// The code of a submission; <paramref name="attempt"/> moves to another code when the look-up
    /// id is already taken by another request (ids are short, so they collide now and then).
    /// </summary>
    public string CodeFor(Guid submissionKey, int attempt)
    {
        Span<byte> input = stackalloc byte[20];
        submissionKey.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], attempt);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(derivationKey, input, mac);

        // 256 bits reduced modulo 10^16: the bias is below 2^-200.
        var value = BigInteger.Remainder(new BigInteger(mac, isUnsigned: true), Modulus);
        return value.ToString("D16", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string IdOf(string code) => code[..IdLength];

    /// <summary>
    /// What is stored of a form's one-time key (<see cref="HelpRequest.SubmissionKeyHash"/>): a keyed
    /// hash, so the form sent again finds its request, while the database alone holds nothing from
    /// which the key, and so the code derived from it, could be had.
    /// </summary>
    public byte[] SubmissionKeyHash(Guid submissionKey)
    {
        Span<byte> input = stackalloc byte[16];
        submissionKey.TryWriteBytes(input);
        return HMACSHA256.HashData(submissionKeyHashKey, input);
    }

    /// <summary>Stores the code in <paramref name="request"/>: its id in clear, a fresh salt, and the keyed hash bound to the request.</summary>
    public void Seal(HelpRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReceiptId = IdOf(code);
        request.ReceiptSalt = RandomNumberGenerator.GetBytes(SaltLength);
        request.ReceiptHash = Bind(request.Id, Hash(request.ReceiptSalt, code));
    }

    /// <summary>Whether <paramref name="code"/> is the request's, in constant time; a code sealed for another request never is.</summary>
    public bool Opens(HelpRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CryptographicOperations.FixedTimeEquals(Bind(request.Id, Hash(request.ReceiptSalt, code)), request.ReceiptHash);
    }

    /// <summary>Spends the same work as a real check when no request has the id, so timing tells nothing.</summary>
    public void OpensNothing(string code) => Bind(Guid.Empty, Hash(new byte[SaltLength], code));

    /// <summary>
    /// A hash stored before hashes named their request (HMAC-SHA256(pepper, salt ‖ code)), bound to
    /// the request <paramref name="requestId"/> as a hash sealed today is. For the one-time upgrade
    /// only (<see cref="ReceiptBindingUpgrade"/>, run once by <see cref="Security.Encryption.BindingUpgrade"/>): applied to any other hash it would bind a copied one.
    /// </summary>
    internal byte[] BindLegacyHash(Guid requestId, byte[] legacyHash) => Bind(requestId, legacyHash);

    /// <summary>The 16 digits of what a person typed ("1234 5678-9012 3456"), or null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 64)
        {
            return null;
        }

        var digits = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '\u00a0' or '\u202f' or '\t'))
            {
                return null;
            }
        }

        return digits.Length == Length ? digits.ToString() : null;
    }

    /// <summary>"1234 5678 9012 3456": four groups, easy to copy by hand and to read aloud.</summary>
    public static IReadOnlyList<string> Groups(string code) =>
        [code[..4], code[4..8], code[8..12], code[12..]];

    private byte[] Bind(Guid requestId, byte[] hash)
    {
        var input = new byte[16 + hash.Length];
        requestId.TryWriteBytes(input);
        hash.CopyTo(input, 16);
        return HMACSHA256.HashData(bindingKey, input);
    }

    private byte[] Hash(byte[] salt, string code)
    {
        Span<byte> input = stackalloc byte[SaltLength + Length];
        salt.AsSpan().CopyTo(input);
        Encoding.ASCII.GetBytes(code, input[SaltLength..]);
        return HMACSHA256.HashData(pepper, input);
    }
}
