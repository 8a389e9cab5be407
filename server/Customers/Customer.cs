namespace Chat.Server.Customers;

public sealed record Customer(
    string Id,
    string SiteId,
    string Name,
    string? Email,
    long FirstSeen,
    long LastSeen,
    long Visits);
