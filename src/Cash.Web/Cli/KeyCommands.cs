using Cash.Web.Audit;
using Cash.Web.Domain.Audit;
using Cash.Web.Security.Encryption;

namespace Cash.Web.Cli;

/// <summary><c>keys rotate</c>: a new field-encryption key, and every protected value re-encrypted with it.</summary>
internal static class KeyCommands
{
    public static async Task<int> RotateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<KeyRotation>().RotateAsync(cancellationToken);
        await services.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.KeysRotate, AuditOutcome.Success,
            "DataKey", result.ActiveKeyId.ToString(), cancellationToken: cancellationToken);
        await Console.Out.WriteLineAsync($"Active field-encryption key: {result.ActiveKeyId}");
        foreach (var (column, count) in result.ReencryptedByColumn)
        {
            var unreadable = result.UnreadableByColumn.GetValueOrDefault(column);
            await Console.Out.WriteLineAsync(unreadable == 0
                ? $"  {column}: {count} value(s) re-encrypted"
                : $"  {column}: {count} value(s) re-encrypted, {unreadable} unreadable (altered or moved) left as they were");
        }

        return 0;
    }
}
