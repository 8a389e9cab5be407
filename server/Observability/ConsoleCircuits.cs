using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Chat.Server.Observability;

/// <summary>Counts the agent console's open Blazor circuits on this node.</summary>
public sealed class ConsoleCircuits(ChatMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
