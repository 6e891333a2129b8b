using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Cash.BrowserTests;

/// <summary>
/// Runs axe-core with the WCAG 2.1 A and AA rules that EN 301 549 asks for, inside the page under test.
/// The application has no frames, so axe runs once in the page itself (its plain <c>axe.run</c>); the
/// frame-by-frame mode of the Playwright bindings opened a second page for every audit, which doubled
/// the cost of the browser suite for nothing.
/// </summary>
internal static class AxeAudit
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    // Only the violations are described in full: axe then skips the details of what passed.
    private const string Run = """
        async () => {
          const result = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            resultTypes: ['violations'],
          });
          return JSON.stringify(result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({
              target: n.target.join(' '),
              html: n.html,
              checks: [...n.any, ...n.all, ...n.none].map(c => c.message),
            })),
          })));
        }
        """;

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Length == 0, Describe(page.Url, violations));
    }

    /// <summary>How long one audit may take; a page with JavaScript off never answers, and says so here.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<Violation[]> ViolationsAsync(IPage page)
    {
        try
        {
            return await RunAsync(page).WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"axe did not answer within {Patience.TotalSeconds} s on {page.Url}: is JavaScript off in this browser context? Audit with it on.");
        }
    }

    private static async Task<Violation[]> RunAsync(IPage page)
    {
        // Evaluated through the browser's debugging protocol, so the page's content security policy
        // (no inline script) does not apply to it, and the page's own DOM stays as the server sent it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>(Run);
        return JsonSerializer.Deserialize<Violation[]>(json, JsonSerializerOptions.Web) ?? [];
    }

    // Enough for a developer to fix the page without rerunning axe by hand.
    private static string Describe(string url, Violation[] violations)
    {
        var text = new StringBuilder($"{violations.Length} axe violation(s) on {url}:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    at {node.Target}: {string.Join(" | ", node.Checks)}");
                text.AppendLine().Append($"       {node.Html}");
            }
        }

        return text.ToString();
    }

    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, ViolationNode[] Nodes);

    public sealed record ViolationNode(string Target, string Html, string[] Checks);
}
