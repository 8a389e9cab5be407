using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Chat.AgentConsole.Reports;

/// <summary>
/// An SVG &lt;text&gt; element. Razor takes &lt;text&gt; inside code blocks for its own
/// markup-less tag, so charts write &lt;SvgText&gt; and this renders the real element.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddMultipleAttributes(1, Attributes);
        builder.AddContent(2, ChildContent);
        builder.CloseElement();
    }
}
