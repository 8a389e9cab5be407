namespace Chat.Tests.Infrastructure.Provisioning;

/// <summary>The tests cannot start what they need; the message says what is missing and how to install it.</summary>
public sealed class PrerequisitesMissingException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
