using System.ComponentModel.DataAnnotations;

namespace Chat.AgentConsole.Login;

/// <summary>The sign-in's second step: the sealed first step, and the code from the agent's app (or a recovery code).</summary>
public sealed class CodeForm
{
    public string Pending { get; set; } = "";

    [Required(ErrorMessage = "Enter the code from your app.")]
    public string Code { get; set; } = "";
}
