namespace Cash.Web.Resources;

/// <summary>What the password rules and ASP.NET Core Identity tell a person, in fr, nl and en (<c>Passwords*.resx</c>).</summary>
public sealed class Passwords;
