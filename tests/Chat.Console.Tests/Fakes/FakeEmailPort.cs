using Chat.AgentConsole.Email;

namespace Chat.AgentConsole.Tests.Fakes;

/// <summary>An in-memory email port: records what the console asked for, and refuses as the server does when told to.</summary>
public sealed class FakeEmailPort : IEmailPort
{
    public List<string> Transcripts { get; } = [];

    public List<(string ConversationId, string ClientId, string What, DateTimeOffset Due)> Moves { get; } = [];

    public List<FailedEmail> Failed { get; } = [];

    public List<string> Resent { get; } = [];

    public List<SiteEmailSettings> Settings { get; } = [new("site-1", "Shoe Shop", null, 5)];

    /// <summary>The code and sentence the next call is refused with, as the server would.</summary>
    public (string Code, string Message)? Refuse { get; set; }

    public Task<bool> EmailTranscriptAsync(string agentId, string conversationId, CancellationToken ct)
    {
        Check();
        var first = !Transcripts.Contains(conversationId);
        Transcripts.Add(conversationId);
        return Task.FromResult(first);
    }

    public Task MoveToEmailAsync(string agentId, string conversationId, string clientId, string what, DateTimeOffset due, CancellationToken ct)
    {
        Check();
        Moves.Add((conversationId, clientId, what, due));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FailedEmail>> FailedEmailsAsync(string adminId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FailedEmail>>([.. Failed]);

    public Task ResendAsync(string adminId, string emailId, CancellationToken ct)
    {
        Check();
        Resent.Add(emailId);
        Failed.RemoveAll(f => f.Id == emailId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiteEmailSettings>> EmailSettingsAsync(string adminId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SiteEmailSettings>>([.. Settings]);

    public Task SaveEmailSettingsAsync(string adminId, SiteEmailSettings settings, CancellationToken ct)
    {
        Check();
        Settings[Settings.FindIndex(s => s.SiteId == settings.SiteId)] = settings;
        return Task.CompletedTask;
    }

    private void Check()
    {
        if (Refuse is { } refusal)
        {
            throw new ConsoleActionException(refusal.Code, refusal.Message);
        }
    }
}
