using Chat.Server.Storage;
using Dapper;

namespace Chat.Server.Email;

/// <summary>
/// The language a visitor's emails are written in, taken from their browser's Accept-Language on
/// the widget's requests (English unless it asks for German first).
/// </summary>
public sealed class EmailLanguages(Database database)
{
    public Task<string?> OfAsync(string customerId, CancellationToken ct) =>
        database.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT language FROM customers WHERE id = @customerId;", new { customerId }, cancellationToken: token)), ct);

    public Task RememberAsync(string customerId, HttpRequest request, CancellationToken ct) =>
        RememberAsync(customerId, EmailStrings.Normalize(request.Headers.AcceptLanguage.ToString()) ?? "en", ct);

    public Task RememberAsync(string customerId, string language, CancellationToken ct) =>
        database.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE customers SET language = @language WHERE id = @customerId AND (language IS NULL OR language <> @language);",
            new { customerId, language }, cancellationToken: token)), ct);
}
