using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cash.Web.Api;
using Cash.Web.Audit;
using Cash.Web.Cli;
using Cash.Web.Data;
using Cash.Web.Forms;
using Cash.Web.HelpRequests;
using Cash.Web.Interventions;
using Cash.Web.Localization;
using Cash.Web.Mail;
using Cash.Web.Meetings;
using Cash.Web.Operations;
using Cash.Web.Orientation;
using Cash.Web.PartnerServices;
using Cash.Web.People;
using Cash.Web.Prevention;
using Cash.Web.Procedures;
using Cash.Web.Publications;
using Cash.Web.Schools;
using Cash.Web.Security;
using Cash.Web.Situations;
using Cash.Web.Tasks;
using Cash.Web.Tools;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);

// Services: data, keys and encryption, audit, languages, accounts and security, mail, pages,
// caching, open data, health.
builder.AddCashData();
builder.AddCashProtection();
builder.AddCashAudit();
builder.AddCashLocalization();
builder.AddCashSecurity();
builder.AddCashRateLimits();
builder.AddCashRequestLimits();
builder.AddCashMail();
builder.AddPeople();
builder.AddHelpRequests();
builder.AddSituations();
builder.AddTasks();
builder.AddMeetings();
builder.AddInterventions();
builder.AddProcedures();
builder.AddPrevention();
builder.AddTools();
builder.Services.AddPartnerServices().AddSchools().AddOrientation();
builder.Services.AddPublications();
builder.Services.AddRazorPages()
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = CashCultures.ValidationMessages)
    .AddCashForms();
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddPublicOutputCache();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiServers>());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.Configure<QuickExitOptions>(builder.Configuration.GetSection(QuickExitOptions.Section));

var app = builder.Build();

// The same executable is the command-line tool (db migrate, db seed).
if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(app, args);
}

// Outside Development, links in e-mails need the public address from configuration: fail now, not at the first e-mail.
SiteAddress.EnsureConfigured(app.Configuration, app.Environment);
try
{
    await app.PrepareDatabaseAsync();
}
catch (MasterKeyException refused)
{
    // A missing master key file, or a key that is not the database's, stops the start and says which key to restore.
    return MasterKeyCheck.RefuseToStart(app, refused);
}

// The request pipeline, outermost first.
app.UseForwardedHeaders();
// Anonymous visits of public pages and forms answered from memory, with the headers they were
// rendered with (security headers included), filed by the culture CashCultures.Resolve gives.
app.UseRenderedPages();
// Culture before the error pages re-executed below, so that they speak the language asked for.
app.UseCashLocalization();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseOnlyPageMethods();
app.UseExceptionHandler("/erreur");
app.UseStatusCodePagesWithReExecute("/erreur/{0}");
app.UseStaticFiles(StaticFileCaching.Options);
app.UseRouting();
app.UseRequestBodyLimit();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
// Inside the output cache, so that it stores the compressed bodies (PublicPageCompression).
app.UseResponseCompression();

app.MapRazorPages();
app.MapDirectoryApi();
app.MapCalendarFeed();
app.MapResourcePrints();
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
