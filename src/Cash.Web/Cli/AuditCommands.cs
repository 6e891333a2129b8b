using System.Globalization;
using Cash.Web.Audit;
using Cash.Web.Domain.Audit;

namespace Cash.Web.Cli;

/// <summary><c>audit verify</c>: exit code 0 when the chain is intact, 1 when an entry was altered, deleted, inserted or cannot be read.</summary>
internal static class AuditCommands
{
    public static async Task<int> VerifyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
        await services.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.AuditVerify,
            result.IsIntact ? AuditOutcome.Success : AuditOutcome.Failure, cancellationToken: cancellationToken);
        if (result.IsIntact)
        {
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Audit trail intact: {result.EntriesChecked} entries checked."));
            return 0;
        }

        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Audit trail BROKEN at entry {result.FirstBrokenSequence}: {Describe(result.Problem)} ({result.EntriesChecked} entries checked before it)."));
        return 1;
    }

    private static string Describe(AuditProblem? problem) => problem switch
    {
        AuditProblem.Altered => "an entry was altered",
        AuditProblem.Missing => "an entry is missing (deleted)",
        AuditProblem.Inserted => "an entry was inserted or moved",
        AuditProblem.Unreadable => "the entry cannot be read (a value was changed in the database)",
        _ => "unknown problem",
    };
}
