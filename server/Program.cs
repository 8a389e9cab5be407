using Chat.Server;

var app = ChatApp.Build(args);
app.Run();

/// <summary>Named so tests can find this assembly.</summary>
public partial class Program;
