namespace Chat.Server.Agents;

/// <summary>The cost of new password hashes (Chat:SignIn:PasswordIterations); hashes made cheaper are raised at the next sign-in.</summary>
public sealed record PasswordPolicy(int Iterations)
{
    public static readonly PasswordPolicy Default = new(Passwords.DefaultIterations);

    public string Hash(string password) => Passwords.Hash(password, Iterations);

    public bool NeedsRehash(string stored) => Passwords.IterationsOf(stored) < Iterations;
}
