namespace Cash.Web.Domain.Audit;

/// <summary>The names of audited actions. Stable strings: they are part of each entry's hash.</summary>
public static class AuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInSecondFactor = "account.sign-in.second-factor";
    public const string SignInRecoveryCode = "account.sign-in.recovery-code";
    public const string TotpCodeReused = "account.second-factor.code-reused";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string SignOutEverywhere = "account.sign-out-everywhere";
    public const string Reauthenticate = "account.reauthenticate";
    public const string PasswordChange = "account.password-change";
    public const string TwoFactorEnrol = "account.second-factor.enrol";
    public const string RecoveryCodesRenew = "account.recovery-codes.renew";
    public const string PasswordResetRequest = "account.password-reset.request";
    public const string PasswordReset = "account.password-reset";
    public const string SecondFactorReset = "account.second-factor.reset";
    public const string SecondFactorRecover = "account.second-factor.recover";
    public const string CalendarFeedCreate = "account.calendar-feed.create";
    public const string CalendarFeedRevoke = "account.calendar-feed.revoke";

    public const string InvitationCreate = "invitation.create";
    public const string InvitationAccept = "invitation.accept";
    public const string InvitationRevoke = "invitation.revoke";

    public const string RoleChange = "professional.role-change";
    public const string Disable = "professional.disable";
    public const string Enable = "professional.enable";

    public const string Read = "record.read";
    public const string Create = "record.create";
    public const string Update = "record.update";
    public const string Delete = "record.delete";
    public const string Export = "record.export";

    /// <summary>An encrypted value of a record did not open where it was found: altered, or moved from another row or record.</summary>
    public const string Unreadable = "record.unreadable";

    public const string AuditVerify = "audit.verify";
    public const string KeysRotate = "keys.rotate";

    /// <summary>A key found in the database was not sealed under the master key as the app writes it, and is ignored.</summary>
    public const string KeyRefused = "keys.key-refused";

    public const string SchoolsImport = "schools.import";

    /// <summary>The retention job erased what named or described anyone in a closed situation; its facts remain.</summary>
    public const string SituationErase = "situation.erase";
}
