namespace Chat.Server.Email;

/// <summary>
/// <c>Chat:Email</c>: the SMTP server mail goes out through, the address it comes from, and the
/// domain replies come back to. Without a <see cref="Host"/> nothing is sent, but emails still
/// queue in the outbox, so setting a host later sends what waited.
/// </summary>
public sealed class EmailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (required), StartTlsWhenAvailable, or SslOnConnect (port 465).</summary>
    public string Tls { get; set; } = "StartTlsWhenAvailable";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address; the display name is the site's from name, or the site's name.</summary>
    public string From { get; set; } = "chat@localhost";

    /// <summary>
    /// The domain of the Reply-To address (<c>reply+TOKEN@domain</c>) whose mail reaches the inbound
    /// listener. Without it emails carry no Reply-To token and replies do not come back.
    /// </summary>
    public string? ReplyDomain { get; set; }

    /// <summary>The chat server's public address for reopen links; else the first of <c>Chat:PublicOrigins</c>, else the request's.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Attempts per email before it is marked failed for an admin to see.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first wait after a failed attempt; each next one doubles, with jitter, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    public double MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>How often the sender looks at the outbox, and the mailer for replies the visitor missed.</summary>
    public double CheckSeconds { get; set; } = 5;

    /// <summary>How long the answer to a left message waits before it is mailed, so an agent's replies in a row go as one email.</summary>
    public double AnswerGraceSeconds { get; set; } = 60;

    /// <summary>How long one SMTP attempt may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    public InboundOptions Inbound { get; set; } = new();
}

/// <summary>
/// Replies by email: an SMTP listener the shop's mail relay forwards <c>reply+*@ReplyDomain</c> to.
/// Off unless a port is set.
/// </summary>
public sealed class InboundOptions
{
    public int? Port { get; set; }

    /// <summary>The address to listen on; loopback by default, since only the relay should reach it.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>Larger mail is refused during the SMTP conversation.</summary>
    public int MaxBytes { get; set; } = 256 * 1024;

    /// <summary>Attachments beyond this count are refused (the reply is refused, not just the attachment).</summary>
    public int MaxAttachments { get; set; } = 0;
}
