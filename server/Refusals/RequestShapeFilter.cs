using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Refusals;

/// <summary>
/// Refuses, before any hub method runs, a call whose arguments could not be read
/// (<see cref="UnreadableArguments"/>) or that passes null where the method takes a request
/// object. Without it a null request would reach the method and fail there with no code.
/// Which parameters may be null is read once per method from its nullable annotations.
/// </summary>
internal sealed class RequestShapeFilter : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool[]> Required = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (context.Hub.GetType().Assembly != typeof(RequestShapeFilter).Assembly)
        {
            // Our hubs only: the console's circuits have a protocol and rules of their own.
            return next(context);
        }

        var arguments = context.HubMethodArguments;
        var required = Required.GetOrAdd(context.HubMethod, RequiredParameters);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is UnreadableArguments unreadable)
            {
                throw InvalidRequest.Because(unreadable.Reason);
            }

            if (arguments[i] is null && i < required.Length && required[i])
            {
                throw InvalidRequest.Because($"{context.HubMethodName} needs its request object; null was sent.");
            }
        }

        return next(context);
    }

    /// <summary>For each parameter, whether null is refused: value types and reference types not marked nullable.</summary>
    private static bool[] RequiredParameters(MethodInfo method)
    {
        var nullability = new NullabilityInfoContext();
        return [.. method.GetParameters().Select(p =>
            p.ParameterType.IsValueType
                ? Nullable.GetUnderlyingType(p.ParameterType) is null
                : nullability.Create(p).WriteState == NullabilityState.NotNull)];
    }
}
