using Chat.Server.Conversations;
using Chat.Server.Visitors;
using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

/// <summary>
/// Takes agents' replies to visitors who are not there to read them by email. It reads the
/// database, not the event bus, so a reply is found whichever node it was written on and even
/// after a restart:
/// <list type="bullet">
/// <item>the answer to a left message (or in a chat the agent took to email) goes once the visitor
/// is not connected (after a short grace, so an agent's replies in a row go as one email);</item>
/// <item>a live reply goes after the site's delay (5 minutes by default) unless the visitor came
/// back (connected again, or wrote after it) and so saw it.</item>
/// </list>
/// Each conversation's mark (<c>mail_seq</c>) moves by a conditional update and every email has a
/// dedupe key, so several nodes mail each reply once.
/// </summary>
public sealed partial class ReplyMailer(
    ReplyMailStore store, EmailQueue queue, EmailSites sites, VisitorConnections connections, IOptions<ChatOptions> options, TimeProvider time, ILogger<ReplyMailer> logger)
    : BackgroundService
{
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.Value.Email.CheckSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await MailAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing is marked before its email is queued: the next tick finds what this one missed.
                LogTickFailed(e);
            }
        }
    }

    /// <summary>One pass; returns how many emails were queued.</summary>
    public async Task<int> MailAsync(CancellationToken ct)
    {
        var queued = 0;
        var now = time.NowMs();
        var marks = new List<MailMark>();
        foreach (var conversation in await store.UnmailedAsync(now - Day, ct))
        {
            if (await MailOneAsync(conversation, now, marks, ct))
            {
                queued++;
            }
        }

        // After the emails are queued: should this fail, the next pass queues them again and their dedupe keys keep them single.
        await store.MarkManyAsync(marks, ct);
        return queued;
    }

    private async Task<bool> MailOneAsync(UnmailedConversation conversation, long now, List<MailMark> marks, CancellationToken ct)
    {
        var messages = await store.MessagesAfterAsync(conversation.Id, conversation.MailSeq, ct);
        if (messages.Count == 0)
        {
            return false;
        }

        var lastSeq = messages[^1].Seq;
        // Only the agents' replies after the visitor last wrote: what came before, the visitor answered.
        var pending = messages.Skip(messages.ToList().FindLastIndex(m => m.Sender == SenderKinds.Visitor) + 1)
            .Where(m => m.Sender == SenderKinds.Agent).ToList();
        if (pending.Count == 0 || conversation.Email is null || SawIt(conversation, pending[0]))
        {
            marks.Add(new MailMark(conversation.Id, conversation.MailSeq, lastSeq));
            return false;
        }

        // A left message, or a chat the agent took to email: nobody expects the visitor to be watching.
        var leftMessage = conversation.LeftMessage == 1 || conversation.ByEmail == 1;
        var site = await sites.FindAsync(conversation.SiteId, ct);
        var wait = leftMessage
            ? (long)(options.Value.Email.AnswerGraceSeconds * 1000)
            : (site?.MissedReplyMinutes ?? 5) * 60_000;
        if (now < pending[^1].CreatedAt + wait)
        {
            return false;
        }

        var kind = leftMessage ? EmailKinds.Answer : EmailKinds.MissedReply;
        var agent = pending[^1].SenderName;
        var sent = await queue.QueueAsync(
            new EmailRequest(kind, conversation.SiteId, conversation.Id, conversation.CustomerId, conversation.Email, conversation.Language,
                $"{kind}:{conversation.Id}:{pending[^1].Seq}"),
            (s, from, link) => EmailTemplates.Answer(s, from.Name, conversation.CustomerName, agent, pending, link),
            ct);
        marks.Add(new MailMark(conversation.Id, conversation.MailSeq, lastSeq));
        return sent;
    }

    /// <summary>The visitor has the widget open now, or opened it after the reply and so was shown it.</summary>
    private bool SawIt(UnmailedConversation conversation, MessageRow firstReply) =>
        connections.IsConnectedHere(conversation.CustomerId) || conversation.LastSeen > firstReply.CreatedAt;

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Looking for replies to mail failed; retrying on the next tick")]
    private partial void LogTickFailed(Exception e);
}
