using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Chat.Server.Refusals;

/// <summary>
/// SignalR's JSON protocol, with one change: a call whose arguments cannot be read (a wrong
/// JSON type, an unknown field, the wrong number of arguments) reaches the hub filters as a call
/// carrying <see cref="UnreadableArguments"/>, instead of being answered by SignalR with a
/// sentence and no code. <see cref="RequestShapeFilter"/> then refuses it with <c>invalid_request</c>,
/// counted and logged like every other refusal. A call of a method that does not exist is
/// answered here, with the same code.
/// </summary>
internal sealed class CheckedJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol _inner = new(options);

    public string Name => _inner.Name;

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!_inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            message = Rewrite(failure, binder);
        }

        return true;
    }

    private static HubMessage Rewrite(InvocationBindingFailureMessage failure, IInvocationBinder binder)
    {
        var cause = failure.BindingFailure.SourceException;
        if (!Exists(binder, failure.Target))
        {
            // SignalR sends a HubException's message to the client as it is: the client reads our code.
            return new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(
                new HubException($"{InvalidRequest.Code}: There is no method '{Shorten(failure.Target)}'.")));
        }

        return new InvocationMessage(failure.InvocationId, failure.Target, [new UnreadableArguments(InvalidRequest.Describe(cause))]);
    }

    private static bool Exists(IInvocationBinder binder, string target)
    {
        try
        {
            binder.GetParameterTypes(target);
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }

    private static string Shorten(string target) => target.Length <= 64 ? target : target[..64] + "…";
}

/// <summary>Stands in for the arguments of a call SignalR could not bind; never reaches a hub method.</summary>
/// <param name="Reason">What was wrong, for the refusal's sentence.</param>
internal sealed record UnreadableArguments(string Reason);
