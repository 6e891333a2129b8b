namespace Cash.Web.Forms;

/// <summary>
/// Says which resource set holds the validation messages of an input model, when its feature keeps
/// its strings in a set of its own (<c>[MessagesFrom(typeof(SituationTexts))]</c>). Keys not found
/// there are read from the set the page's place gives (see <c>CashCultures.ValidationMessages</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MessagesFromAttribute(Type resource) : Attribute
{
    public Type Resource { get; } = resource;
}
