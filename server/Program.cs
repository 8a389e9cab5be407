using Chat.Server;
using Chat.Server.FirstRun;

if (ResetPasswordCommand.IsRequested(args))
{
    return await ResetPasswordCommand.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}

var app = ChatApp.Build(args);
app.Run();
return 0;

/// <summary>Named so tests can find this assembly.</summary>
public partial class Program;
