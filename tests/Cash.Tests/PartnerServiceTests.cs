using Cash.Web.Domain.Directory;

namespace Cash.Tests;

public sealed class PartnerServiceTests
{
    [Theory]
    [InlineData("056/39 16 20", "tel:+3256391620")]
    [InlineData("0474/81 08 91", "tel:+32474810891")]
    [InlineData("+32 56 86 03 09", "tel:+3256860309")]
    public void APhoneAsWrittenBecomesAnInternationalTelLink(string phone, string uri) =>
        Assert.Equal(uri, PartnerService.ToPhoneUri(phone));

    [Fact]
    public void TextsFallBackToFrenchForAMissingLanguage()
    {
        var service = new PartnerService("le-declic", ServiceKind.YouthAid, "0470/62 24 38", "amo.ledeclic@skynet.be");
        service.SetText(new PartnerServiceText { Language = "fr", Name = "AMO « Le Déclic »" });
        service.SetText(new PartnerServiceText { Language = "nl", Name = "AMO « Le Déclic » (jeugdhulp)" });

        Assert.Equal("AMO « Le Déclic »", service.TextFor("en").Name);
        Assert.Equal("AMO « Le Déclic » (jeugdhulp)", service.TextFor("nl").Name);
    }

    [Fact]
    public void SettingATextAgainReplacesThatLanguageOnly()
    {
        var service = new PartnerService("le-declic", ServiceKind.YouthAid, "0470/62 24 38", "amo.ledeclic@skynet.be");
        service.SetText(new PartnerServiceText { Language = "fr", Name = "Ancien nom" });
        service.SetText(new PartnerServiceText { Language = "en", Name = "English name" });

        service.SetText(new PartnerServiceText { Language = "fr", Name = "Nouveau nom" });

        Assert.Equal(2, service.Texts.Count);
        Assert.Equal("Nouveau nom", service.TextFor("fr").Name);
        Assert.Equal("English name", service.TextFor("en").Name);
    }

    [Fact]
    public void AServiceWithoutFrenchTextIsAnError()
    {
        var service = new PartnerService("le-declic", ServiceKind.YouthAid, "0470/62 24 38", "amo.ledeclic@skynet.be");
        service.SetText(new PartnerServiceText { Language = "en", Name = "English only" });

        Assert.Throws<InvalidOperationException>(() => service.TextFor("nl"));
    }
}
