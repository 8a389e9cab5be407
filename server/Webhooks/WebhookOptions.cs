namespace Chat.Server.Webhooks;

/// <summary><c>Chat:Webhooks</c>: how long a delivery may take, and how long we keep trying.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Chat:Webhooks";

    /// <summary>One attempt's limit, connect to last byte of the answer.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>A delivery is given up, and an endpoint that failed all along is disabled, after this long.</summary>
    public double GiveUpAfterHours { get; set; } = 24;
}
