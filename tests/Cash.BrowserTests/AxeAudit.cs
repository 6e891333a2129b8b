using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>Runs axe-core with the WCAG 2.1 A and AA rules that EN 301 549 asks for.</summary>
internal static class AxeAudit
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Length == 0, Describe(page.Url, violations));
    }

    public static async Task<AxeResultItem[]> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        return result.Violations ?? [];
    }

    // Enough for a developer to fix the page without rerunning axe by hand.
    private static string Describe(string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"{violations.Length} axe violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message);
                text.AppendLine().Append($"    at {node.Target}: {string.Join(" | ", checks)}");
                text.AppendLine().Append($"       {node.Html}");
            }
        }

        return text.ToString();
    }
}
