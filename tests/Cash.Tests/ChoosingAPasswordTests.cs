using System.Globalization;
using System.Resources;
using Cash.Web.Domain.People;
using Cash.Web.Security.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PasswordTexts = Cash.Web.Resources.Passwords;

namespace Cash.Tests;

/// <summary>
/// The password rules as Identity runs them (ASVS 2.1): long enough, not too long, not common, not
/// the person's own name; no composition rules; every message from the resources, in fr, nl, en.
/// </summary>
public sealed class ChoosingAPasswordTests
{
    private static readonly ResourceManager Texts = new(typeof(PasswordTexts).FullName!, typeof(PasswordTexts).Assembly);

    private static readonly ServiceProvider Services = BuildServices();

    [Theory]
    [InlineData("password1234")]
    [InlineData("azertyuiop12")]
    [InlineData("Password123456")]
    [InlineData("123456789012")]
    [InlineData("  PASSWORD1234  ")]
    [InlineData("motdepasse2024!")]
    [InlineData("Wachtwoord1234")]
    [InlineData("CashMouscron2025")]
    [InlineData("harcèlement!!!!")]
    [InlineData("!!azertyuiop!!")]
    [InlineData("2024-azertyuiop")]
    [InlineData("password1234567890")]
    [InlineData("1qaz2wsx!!!!")]
    public async Task ACommonPasswordIsRefused(string password)
    {
        var result = await ValidateAsync(password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.CommonCode);
    }

    [Theory]
    [InlineData("cheval agrafe pile")]
    [InlineData("correct horse battery staple")]
    [InlineData("la brique mange 7 nuages")]
    [InlineData("tulpen op de zolder van oma")]
    [InlineData("dragon83746152937")]
    [InlineData("839201746352")]
    public async Task AnUncommonPassphraseIsAcceptedWithoutDigitsCapitalsOrSigns(string password)
    {
        var result = await ValidateAsync(password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task ElevenCharactersAreTooShort()
    {
        var result = await ValidateAsync("cheval agra");

        Assert.Equal([nameof(IdentityErrorDescriber.PasswordTooShort)], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task OneHundredTwentyEightCharactersAreAccepted()
    {
        var password = LongPassphrase(PasswordPolicy.MaximumLength);

        var result = await ValidateAsync(password);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task OneHundredTwentyNineCharactersAreRefused()
    {
        var password = LongPassphrase(PasswordPolicy.MaximumLength + 1);

        var result = await ValidateAsync(password);

        Assert.Equal([PasswordLengthValidator.TooLongCode], result.Errors.Select(e => e.Code));
    }

    [Theory]
    [InlineData("Marie.Dupont et ses 3 chats")]
    [InlineData("les chats de marie-dupont")]
    [InlineData("MARIEDUPONT au soleil")]
    public async Task APasswordContainingTheEmailAddressIsRefused(string password)
    {
        var result = await ValidateAsync(password, new Professional("marie.dupont@amo-declic.be", "M. D.", ProRole.Administrator, null));

        Assert.Equal([CommonPasswordValidator.PersonalDetailsCode], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task APasswordContainingTheDisplayNameIsRefused()
    {
        var user = new Professional("jv@amo-declic.be", "Jean Vandenberghe", ProRole.Administrator, null);

        var result = await ValidateAsync("Jean Vandenberghe, Mouscron", user);

        Assert.Equal([CommonPasswordValidator.PersonalDetailsCode], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task AVeryShortNameDoesNotRefuseAPassphraseThatHappensToContainIt()
    {
        var user = new Professional("li@amo-declic.be", "Li", ProRole.Administrator, null);

        var result = await ValidateAsync("lime tree sunrise", user);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [Theory]
    [InlineData("fr-BE")]
    [InlineData("nl-BE")]
    [InlineData("en")]
    public async Task MessagesComeFromTheResourcesInThePersonsLanguage(string culture)
    {
        var language = CultureInfo.GetCultureInfo(culture);

        var common = await ValidateAsync("password1234", culture: language);
        var tooShort = await ValidateAsync("plume verte", culture: language);
        var tooLong = await ValidateAsync(LongPassphrase(200), culture: language);

        Assert.Equal(Text("Password.Common", language), Assert.Single(common.Errors).Description);
        Assert.Equal(string.Format(language, Text("Identity.PasswordTooShort", language), 12), Assert.Single(tooShort.Errors).Description);
        Assert.Contains("12", tooShort.Errors.Single().Description, StringComparison.Ordinal);
        Assert.Contains("128", Assert.Single(tooLong.Errors).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachLanguageSaysItDifferently()
    {
        var descriptions = new List<string>();
        string[] cultures = ["fr-BE", "nl-BE", "en"];
        foreach (var culture in cultures)
        {
            var result = await ValidateAsync("azertyuiop12", culture: CultureInfo.GetCultureInfo(culture));
            descriptions.Add(Assert.Single(result.Errors).Description);
        }

        Assert.Equal(3, descriptions.Distinct(StringComparer.Ordinal).Count());
        Assert.StartsWith("Ce mot de passe est trop courant", descriptions[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-BE")]
    [InlineData("nl-BE")]
    [InlineData("en")]
    public void IdentitysOwnErrorsAreTranslatedAndNeverNameTheOtherAccount(string culture)
    {
        var language = CultureInfo.GetCultureInfo(culture);
        var original = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            using var scope = Services.CreateScope();
            var describer = scope.ServiceProvider.GetRequiredService<IdentityErrorDescriber>();
            var errors = new[]
            {
                describer.DefaultError(), describer.ConcurrencyFailure(), describer.PasswordMismatch(),
                describer.InvalidToken(), describer.RecoveryCodeRedemptionFailed(), describer.UserLockoutNotEnabled(),
                describer.UserAlreadyHasPassword(), describer.InvalidUserName("someone"), describer.InvalidEmail("someone"),
                describer.DuplicateUserName("taken@amo-declic.be"), describer.DuplicateEmail("taken@amo-declic.be"),
            };

            Assert.IsType<CashIdentityErrorDescriber>(describer);
            Assert.All(errors, e => Assert.Equal(Text("Identity." + e.Code, language), e.Description));
            Assert.All(errors, e => Assert.DoesNotContain("taken", e.Description, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void EveryPasswordTextExistsInFrenchDutchAndEnglish()
    {
        string[] languages = ["fr", "nl", "en"];
        var keys = languages.Select(language =>
        {
            var set = Texts.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"No password texts in '{language}'.");
            return set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();
        }).ToList();

        Assert.NotEmpty(keys[0]);
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(keys[0], keys[2]);
    }

    [Fact]
    public void NoCompositionRulesOnlyLength()
    {
        var options = Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password;

        Assert.Equal(12, options.RequiredLength);
        Assert.False(options.RequireDigit || options.RequireLowercase || options.RequireUppercase || options.RequireNonAlphanumeric);
        Assert.Equal(1, options.RequiredUniqueChars);
    }

    [Fact]
    public void TheShippedListIsLargeAndHoldsLongCommonPasswords()
    {
        var list = Services.GetRequiredService<CommonPasswordList>();

        Assert.True(list.Count > 10_000, $"{list.Count} entries");
        Assert.True(list.Contains("123456789012"));
        Assert.True(list.Contains("passwordpassword"));
        Assert.True(list.Contains("MotDePasse"));
        Assert.True(list.Contains("CASHMOUSCRON"));
        Assert.False(list.Contains("cheval agrafe pile"));
    }

    private static async Task<IdentityResult> ValidateAsync(string password, Professional? user = null, CultureInfo? culture = null)
    {
        var original = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture ?? CultureInfo.GetCultureInfo("fr-BE");
        try
        {
            using var scope = Services.CreateScope();
            var manager = scope.ServiceProvider.GetRequiredService<UserManager<Professional>>();
            user ??= new Professional("someone@amo-declic.be", "Someone", ProRole.Administrator, null);
            var errors = new List<IdentityError>();
            foreach (var validator in manager.PasswordValidators)
            {
                errors.AddRange((await validator.ValidateAsync(manager, user, password)).Errors);
            }

            return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    private static string Text(string key, CultureInfo culture) =>
        Texts.GetString(key, culture) ?? throw new InvalidOperationException($"No password text '{key}'.");

    private static string LongPassphrase(int length) =>
        string.Concat(Enumerable.Repeat("vingt chevaux bleus dansent sur le toit ", 10))[..length];

    private static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<IUserStore<Professional>>(_ => new NoStore());
        services.AddIdentityCore<Professional>(o => PasswordPolicy.Configure(o.Password)).AddCashPasswordRules();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Checking a password needs no database: anything that reaches the store is a bug in this test.</summary>
    private sealed class NoStore : IUserStore<Professional>
    {
        public Task<string> GetUserIdAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> GetUserNameAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetUserNameAsync(Professional user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string?> GetNormalizedUserNameAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SetNormalizedUserNameAsync(Professional user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> CreateAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> UpdateAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IdentityResult> DeleteAsync(Professional user, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Professional?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Professional?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
