namespace Cash.Web.Mail;

/// <summary>
/// A message could not be handed over. Its text never carries a recipient address, so it can be
/// logged as is.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
        : base("The e-mail could not be delivered.")
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
