namespace Cash.Web.Resources;

/// <summary>The e-mail texts (<c>Mail*.resx</c>): every message carries all three languages, whatever the request's culture.</summary>
public sealed class Mail;
