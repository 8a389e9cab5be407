using Chat.AgentConsole.Port;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Chat.AgentConsole.Admin;

/// <summary>
/// What every admin page shares: who is signed in, and one way to run a port call that shows
/// its refusal instead of ending the circuit. The server checks the admin role on every call;
/// the route's [Authorize] only keeps the page itself from agents.
/// </summary>
public abstract class AdminPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource lifetime = new();

    [Inject]
    protected IAdminPort Admin { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected string AdminId { get; private set; } = "";

    /// <summary>Why the last action failed, for the page's alert.</summary>
    protected string? Error { get; set; }

    /// <summary>What the last action did, for the page's status line.</summary>
    protected string? Status { get; set; }

    protected bool Busy { get; private set; }

    protected CancellationToken Ct => lifetime.Token;

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        AdminId = (user is null ? null : ConsoleAuth.AgentId(user)) ?? "";
        await RunAsync(LoadAsync);
    }

    protected abstract Task LoadAsync();

    /// <summary>Runs a port call; a refusal or failure becomes <see cref="Error"/> and false.</summary>
    protected async Task<bool> RunAsync(Func<Task> action)
    {
        Busy = true;
        Error = null;
        Status = null;
        try
        {
            await action();
            return true;
        }
        catch (ConsoleActionException ex)
        {
            Error = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = "That did not work. Try again, or reload the page.";
        }
        finally
        {
            Busy = false;
        }

        return false;
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
