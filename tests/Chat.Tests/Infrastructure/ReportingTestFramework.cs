using Chat.Tests.Infrastructure.Provisioning;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Chat.Tests.Infrastructure.ReportingTestFramework", "Chat.Tests")]

namespace Chat.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, plus a route for what provisioning says. xunit 2 drops a test's
/// console output, and `dotnet test` shows a passing test's output helper to no one; it does
/// show diagnostic messages (enabled in xunit.runner.json), from wherever they are sent. The
/// framework is the one place that gets their sink before any test runs.
/// </summary>
public sealed class ReportingTestFramework : XunitTestFramework
{
    public ReportingTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        Prerequisites.Report = line => messageSink.OnMessage(new DiagnosticMessage(line));
    }
}
