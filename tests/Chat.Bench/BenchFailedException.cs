namespace Chat.Bench;

/// <summary>The bench could not produce a figure worth printing; the message says why.</summary>
public sealed class BenchFailedException(string message, Exception? inner = null) : Exception(message, inner);
