using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Cash.Web.Authorization;

/// <summary>The actions checked against one record by the resource-based authorization handlers.</summary>
public static class CashOperations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    public static readonly OperationAuthorizationRequirement ChangeRole = new() { Name = nameof(ChangeRole) };
    public static readonly OperationAuthorizationRequirement Disable = new() { Name = nameof(Disable) };

    /// <summary>Resets a person's two-factor enrolment and sends them a recovery invitation (a lost phone).</summary>
    public static readonly OperationAuthorizationRequirement ResetSecondFactor = new() { Name = nameof(ResetSecondFactor) };
}
