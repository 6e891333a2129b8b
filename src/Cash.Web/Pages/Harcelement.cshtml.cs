namespace Cash.Web.Pages;

public sealed class HarcelementModel : PublicPageModel;
