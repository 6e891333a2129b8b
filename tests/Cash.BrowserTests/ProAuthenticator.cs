using System.Globalization;

namespace Cash.BrowserTests;

/// <summary>
/// An authenticator app (RFC 6238: 6 digits, 30-second steps). The site takes each step's code
/// once, so <see cref="NextCodeAsync"/> waits, as a person would, for a code it has not shown yet.
/// </summary>
internal sealed class ProAuthenticator(string base32Key)
{
    private const int StepSeconds = 30;

    private readonly OtpNet.Totp totp = new(OtpNet.Base32Encoding.ToBytes(base32Key));
    private long lastShownStep = -1;

    public string Key { get; } = base32Key;

    /// <summary>The code last handed out, for replaying it on purpose.</summary>
    public string? LastCode { get; private set; }

    public static long CurrentStep => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;

    public string CodeAt(long step) => totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);

    /// <summary>The code of the current step, after waiting for a step whose code has not been handed out yet.</summary>
    public async Task<string> NextCodeAsync()
    {
        while (CurrentStep <= lastShownStep)
        {
            var nextStepStarts = DateTimeOffset.FromUnixTimeSeconds((lastShownStep + 1) * StepSeconds);
            var wait = nextStepStarts - DateTimeOffset.UtcNow;
            await Task.Delay(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(200));
        }

        lastShownStep = CurrentStep;
        LastCode = CodeAt(lastShownStep);
        return LastCode;
    }

    /// <summary>Six digits that no step around now accepts (the site allows one step of clock drift either way).</summary>
    public string WrongCode()
    {
        var now = CurrentStep;
        var valid = new[] { CodeAt(now - 1), CodeAt(now), CodeAt(now + 1), CodeAt(now + 2) };
        for (var candidate = 123456; ; candidate = (candidate + 111111) % 1000000)
        {
            var code = candidate.ToString("D6", CultureInfo.InvariantCulture);
            if (!valid.Contains(code))
            {
                return code;
            }
        }
    }
}
