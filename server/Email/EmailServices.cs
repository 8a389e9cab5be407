namespace Chat.Server.Email;

/// <summary>Email out (outbox, sender, the mailer of missed replies), the reopen link, and replies coming back.</summary>
public static class EmailServices
{
    public static void AddEmail(this IServiceCollection services)
    {
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<SmtpDelivery>();
        services.AddSingleton<EmailSender>();
        services.AddHostedService(s => s.GetRequiredService<EmailSender>());
        services.AddSingleton<EmailTokens>();
        services.AddSingleton<EmailSites>();
        services.AddSingleton<EmailLanguages>();
        services.AddSingleton<EmailQueue>();
        services.AddSingleton<ReplyMailStore>();
        services.AddSingleton<ReplyMailer>();
        services.AddHostedService(s => s.GetRequiredService<ReplyMailer>());
        services.AddSingleton<Transcripts>();
        services.AddSingleton<MoveToEmail>();
        services.AddSingleton<AgentConsole.Email.IEmailPort, EmailPort>();
        services.AddSingleton<InboundMail>();
        services.AddSingleton<InboundListener>();
        services.AddHostedService(s => s.GetRequiredService<InboundListener>());
    }

    public static void MapEmail(this WebApplication app)
    {
        app.MapReopen();
        app.MapTranscript();
    }
}
