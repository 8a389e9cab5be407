namespace Chat.Bench.Cli;

/// <summary>The command line asks for something the bench does not know; the message says what.</summary>
public sealed class UsageException(string message) : Exception(message);
