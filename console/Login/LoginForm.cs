using System.ComponentModel.DataAnnotations;

namespace Chat.AgentConsole.Login;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your email.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";
}
