using Microsoft.JSInterop;

namespace Chat.AgentConsole.Shared;

/// <summary>
/// Calls into console.js. The browser side may be gone (tab closed, circuit dropping), and a
/// shortcut, a chime or a focus is never worth ending the circuit over, so failures are ignored.
/// </summary>
public sealed class ConsoleScript(IJSRuntime js)
{
    /// <summary>Starts shortcuts and visibility reports for the page; returns whether the tab is visible now.</summary>
    public async Task<bool> AttachAsync<TPage>(DotNetObjectReference<TPage> page, CancellationToken ct) where TPage : class =>
        await TryAsync(() => js.InvokeAsync<bool>("chatConsole.attach", ct, page, Shortcuts.All.Select(s => new
        {
            action = s.Action,
            code = s.Code,
            key = s.Key,
            alt = s.Alt,
            inText = s.InText,
        }).ToArray()).AsTask(), fallback: true);

    public Task DetachAsync(CancellationToken ct) => TryAsync(() => js.InvokeVoidAsync("chatConsole.detach", ct).AsTask());

    /// <summary>A chime and a system notification, which the browser side gives only while the tab is hidden.</summary>
    public Task NotifyAsync(string title, string body, string tag, CancellationToken ct) =>
        TryAsync(() => js.InvokeAsync<bool>("chatConsole.notify", ct, title, body, tag).AsTask(), fallback: false);

    public Task<string> NotificationPermissionAsync(CancellationToken ct) =>
        TryAsync(() => js.InvokeAsync<string>("chatConsole.notificationPermission", ct).AsTask(), fallback: "unsupported");

    public Task<string> RequestNotificationPermissionAsync(CancellationToken ct) =>
        TryAsync(() => js.InvokeAsync<string>("chatConsole.requestNotificationPermission", ct).AsTask(), fallback: "unsupported");

    public Task SetTitleAsync(string title, CancellationToken ct) => TryAsync(() => js.InvokeVoidAsync("chatConsole.setTitle", ct, title).AsTask());

    public Task FocusAsync(string selector, CancellationToken ct) => TryAsync(() => js.InvokeVoidAsync("chatConsole.focus", ct, selector).AsTask());

    private static async Task TryAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
        }
    }

    private static async Task<T> TryAsync<T>(Func<Task<T>> call, T fallback)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return fallback;
        }
    }
}
