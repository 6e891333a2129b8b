// The yardsticks of bench/public-pages.sh, run beside the real app in the same benchmark run so
// that the noise of a shared machine cancels out in the ratios:
// - /plaintext: the least work an ASP.NET Core app can do per request on this machine;
// - /fortunes: the TechEmpower "Fortunes" test, a real Razor page reading 12 rows from SQLite with
//   EF Core on every request: the yardstick of the app's pages that render per request (forms);
// - /bytes/{n}: n bytes of HTML from memory: the yardstick of a page served from the output cache,
//   asked with that page's size.
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cash.Bench.Baseline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// A fresh database file for each start (Fortunes:Database), beside nothing else of the app's.
var database = builder.Configuration["Fortunes:Database"]
    ?? Path.Combine(Path.GetTempPath(), $"cash-bench-fortunes-{Environment.ProcessId}.db");
builder.Services.AddDbContextPool<FortuneDb>(options => options.UseSqlite($"Data Source={database}"));
builder.Services.AddRazorPages();
// As in the app (and TechEmpower's ASP.NET entries): non-ASCII text is written as is, not as &#x...;.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

var app = builder.Build();

await FortuneDb.CreateAsync(app.Services);

app.MapGet("/plaintext", () => Results.Text("Hello, World!", "text/plain"));
app.MapGet("/bytes/{n:int:range(0,4194304)}", (int n) => Results.Bytes(HtmlOfSize.Get(n), "text/html; charset=utf-8"));
app.MapRazorPages();

await app.RunAsync();
