namespace Chat.AgentConsole.Shared;

/// <summary>Ends a console circuit whose agent's session ended; see <c>SessionGuard</c>.</summary>
public sealed class SessionEndedException() : Exception("The agent's session ended; the console closed.");
