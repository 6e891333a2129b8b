namespace Cash.BrowserTests;

/// <summary>A professional as a test plays them: what they know (address, password) and what they hold (the authenticator app).</summary>
internal sealed class ProPerson(string email, string displayName, string password)
{
    private ProAuthenticator? authenticator;

    public string Email { get; } = email;

    public string DisplayName { get; } = displayName;

    public string Password { get; } = password;

    public Guid Id { get; set; }

    public ProAuthenticator Authenticator
    {
        get => authenticator ?? throw new InvalidOperationException("This person has not enrolled an authenticator yet.");
        set => authenticator = value;
    }
}
