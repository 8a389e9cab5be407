namespace Chat.AgentConsole.Port;

/// <summary>
/// What the admin pages need from the server. Every method checks, on the server, that the
/// caller is an admin and that what they touch belongs to one of their sites; anyone else gets
/// <see cref="ConsoleActionException"/> with the code <c>admin_only</c> or <c>not_found</c>.
/// </summary>
public interface IAdminPort
{
    /// <summary>The sites this admin belongs to.</summary>
    Task<IReadOnlyList<SiteSettings>> GetSitesAsync(string adminId, CancellationToken ct);

    /// <summary>Creates a site with a new random key; the admin becomes a member.</summary>
    Task<SiteSettings> CreateSiteAsync(string adminId, SiteSettings site, CancellationToken ct);

    /// <summary>Saves a site's settings. The key never changes: it is pasted on shops' pages.</summary>
    Task<SiteSettings> UpdateSiteAsync(string adminId, SiteSettings site, CancellationToken ct);

    /// <summary>Agents who share a site with this admin.</summary>
    Task<IReadOnlyList<AgentAccount>> GetAgentsAsync(string adminId, CancellationToken ct);

    /// <summary>Creates an agent on some of the admin's sites, with a generated password shown once.</summary>
    Task<CreatedAgent> CreateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct);

    /// <summary>Saves an agent's name, avatar, role, capacity and sites (among the admin's own).</summary>
    Task<AgentAccount> UpdateAgentAsync(string adminId, AgentAccount agent, CancellationToken ct);

    /// <summary>Gives the agent a new generated password and returns it, once. Every session of theirs ends.</summary>
    Task<string> ResetPasswordAsync(string adminId, string agentId, CancellationToken ct);

    /// <summary>
    /// Disables an agent (every session ends at once, their open chats go back to the line, they
    /// cannot sign in) or enables them again. Refused with <c>cannot_disable_self</c> for oneself.
    /// </summary>
    Task<AgentAccount> SetAgentDisabledAsync(string adminId, string agentId, bool disabled, CancellationToken ct);

    /// <summary>
    /// Deletes an agent: their sessions end, their chats go back to the line, their email and
    /// password are forgotten; past messages and notes keep their name. Refused with
    /// <c>cannot_delete_self</c> for oneself.
    /// </summary>
    Task DeleteAgentAsync(string adminId, string agentId, CancellationToken ct);

    /// <summary>Lifts the lock that too many wrong passwords put on the agent's account, and forgets the count.</summary>
    Task<AgentAccount> UnlockAgentAsync(string adminId, string agentId, CancellationToken ct);

    /// <summary>
    /// Creates (empty id) or updates a canned reply. Refused with <c>canned_variable_unknown</c>
    /// when the text uses a variable other than those in <see cref="CannedTemplate.Variables"/>.
    /// </summary>
    Task<CannedReply> SaveCannedReplyAsync(string adminId, CannedReply reply, CancellationToken ct);

    Task DeleteCannedReplyAsync(string adminId, string cannedReplyId, CancellationToken ct);

    /// <summary>
    /// The audit log of the admin's sites (and of the server as a whole), newest first, a page at a
    /// time. Entries can only be read: nothing in the product changes or deletes them.
    /// </summary>
    Task<AuditPage> GetAuditLogAsync(string adminId, AuditFilter filter, CancellationToken ct);

    /// <summary>Everything stored about a customer of the admin's sites, as JSON and a readable transcript. The export is audited.</summary>
    Task<CustomerExport> ExportCustomerAsync(string adminId, string customerId, CancellationToken ct);

    /// <summary>
    /// Erases a customer of the admin's sites: their messages read "erased", their personal fields
    /// are cleared and their browsers forget them; conversations and ratings stay as rows, so
    /// reports still count them. The erasure is audited.
    /// </summary>
    Task EraseCustomerAsync(string adminId, string customerId, CancellationToken ct);
}
