// The yardstick of bench/public-pages.sh: the least work an ASP.NET Core app can do per request on
// this machine. It runs beside the real app in the same benchmark run, so that the noise of a
// shared machine cancels out in the ratio between the two.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();

app.MapGet("/plaintext", () => Results.Text("Hello, World!", "text/plain"));

await app.RunAsync();
