namespace Cash.Web.Mail;

/// <summary>What a message is about, the only thing about it that reaches the logs.</summary>
public enum MailKind
{
    Invitation,
    Notification,
    PasswordReset,
    SecondFactorReset,
    SecondFactorResetNotice,
}
