namespace Chat.Server;

/// <summary>The "Chat" configuration section.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Where the embedded SQLite database lives, relative to the content root.</summary>
    public string DataDir { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>
    /// A StackExchange.Redis configuration string (for example "127.0.0.1:6379"). When set,
    /// routing and fan-out move to Redis and any number of nodes can serve the same visitors.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every Redis key and channel, so deployments can share one Redis.</summary>
    public string RedisKeyPrefix { get; set; } = "chat:";

    public RoutingOptions Routing { get; set; } = new();

    /// <summary>
    /// Origins the public reaches this server at (for example https://chat.example.com), when
    /// it sits behind a proxy that changes the Host. The server's own request origin always counts.
    /// </summary>
    public List<string> PublicOrigins { get; set; } = [];

    /// <summary>Where the built widget files are; by default widget/dist beside the server, or widget/ when published.</summary>
    public string? WidgetDir { get; set; }

    public DemoOptions Demo { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    public SignInOptions SignIn { get; set; } = new();

    public NextActionOptions NextActions { get; set; } = new();

    public RetentionOptions Retention { get; set; } = new();

    public Email.EmailOptions Email { get; set; } = new();
}

public sealed class RetentionOptions
{
    /// <summary>How often each node looks for resolved conversations past their site's retention period.</summary>
    public int CheckSeconds { get; set; } = 600;
}

public sealed class NextActionOptions
{
    /// <summary>How often each node looks for next actions due soon or past due.</summary>
    public int CheckSeconds { get; set; } = 30;
}

/// <summary>How agents' sign-in resists guessing.</summary>
public sealed class SignInOptions
{
    /// <summary>PBKDF2-SHA256 iterations for new password hashes; older hashes are raised at the next sign-in. OWASP's count for 2023 on.</summary>
    public int PasswordIterations { get; set; } = 600_000;

    /// <summary>Wrong passwords in a row an account is allowed before each further attempt must wait, longer each time.</summary>
    public int FreeFailuresPerAccount { get; set; } = 5;

    /// <summary>Wrong passwords in a row after which the account is locked for <see cref="LockMinutes"/>.</summary>
    public int LockAfterFailures { get; set; } = 10;

    public int LockMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins one address may make, on any accounts, before its attempts must wait.</summary>
    public int FreeFailuresPerAddress { get; set; } = 20;

    /// <summary>The longest wait between attempts short of a lock.</summary>
    public int MaxDelaySeconds { get; set; } = 300;
}

public sealed class DeliveryOptions
{
    /// <summary>
    /// Events one connection or console may fall behind by before it is told to resync: room for
    /// any burst a live listener sees, while a dead one holds little memory.
    /// </summary>
    public int ListenerQueueCapacity { get; set; } = 256;
}

/// <summary>/metrics in Prometheus text; never public by default.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; }

    /// <summary>
    /// A port of its own for /metrics (and the health endpoints), besides <c>Urls</c>: keep it off
    /// the load balancer. When set, /metrics is served only there.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>
    /// Addresses or networks (CIDR, e.g. 10.0.0.0/8) that may scrape. When empty: loopback only,
    /// or anyone reaching <see cref="Port"/> when a port is set.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}

/// <summary>Traces and metrics pushed over OTLP; off unless an endpoint is set here or in OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
public sealed class OtlpOptions
{
    /// <summary>An OTLP/gRPC collector, e.g. http://collector:4317. Other protocols through the standard OTEL_EXPORTER_OTLP_* variables.</summary>
    public string? Endpoint { get; set; }
}

/// <summary>What one visitor may do per minute; refusals carry the code rate_limited.</summary>
public sealed class LimitOptions
{
    public int VisitorsPerIpPerMinute { get; set; } = 20;

    public int ConversationsPerIpPerMinute { get; set; } = 10;

    public int MessagesPerVisitorPerMinute { get; set; } = 30;

    /// <summary>Typing previews past this are dropped without a word: the agent sees the next one.</summary>
    public int TypingPerVisitorPerMinute { get; set; } = 120;

    /// <summary>Page reports past this are dropped without a word.</summary>
    public int PageReportsPerVisitorPerMinute { get; set; } = 30;
}

public sealed class RoutingOptions
{
    /// <summary>How long an agent who went offline keeps their chats before they return to the line.</summary>
    public int OfflineGraceSeconds { get; set; } = 120;

    /// <summary>How often a node refreshes the presence of the agents whose consoles it holds.</summary>
    public int HeartbeatSeconds { get; set; } = 3;

    /// <summary>Presence lapses after this long without a heartbeat (a node died).</summary>
    public int PresenceTtlSeconds { get; set; } = 10;
}

public sealed class DatabaseOptions
{
    /// <summary>Sqlite, Postgres or SqlServer.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Required for Postgres and SqlServer; for Sqlite, a file under DataDir by default.</summary>
    public string? ConnectionString { get; set; }

    public ResilienceOptions Resilience { get; set; } = new();
}

/// <summary>How hard to try before a caller is told the database or Redis is unavailable.</summary>
public sealed class ResilienceOptions
{
    public int AttemptTimeoutSeconds { get; set; } = 5;

    public int RetryAttempts { get; set; } = 6;

    public int RetryBaseDelayMs { get; set; } = 100;

    public int BreakSeconds { get; set; } = 3;
}

public sealed class DemoOptions
{
    /// <summary>Create the demo site and first admin on an empty database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Fixed key for the demo site; random when empty.</summary>
    public string? SiteKey { get; set; }

    /// <summary>Other origins allowed to embed the demo site's widget, besides this server.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public string AdminEmail { get; set; } = "admin@example.com";

    /// <summary>Fixed password for the first admin; when empty one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>The demo site's identity secret: when set, identify() needs hash = hex HMAC-SHA256(id, secret).</summary>
    public string? IdentitySecret { get; set; }

    /// <summary>Whether the demo site's pre-chat form requires an email.</summary>
    public bool EmailRequired { get; set; }

    /// <summary>The demo site's business hours, e.g. "mon-fri 09:00-17:00"; empty means always open.</summary>
    public string BusinessHours { get; set; } = "";

    /// <summary>The IANA time zone of the business hours.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Where the demo site's launcher sits: right or left.</summary>
    public string LauncherPosition { get; set; } = "right";
}
