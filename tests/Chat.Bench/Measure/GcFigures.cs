namespace Chat.Bench.Measure;

/// <summary>
/// One process's collections over a window: how many of each generation, and how long
/// managed threads stood still for them (from suspending the runtime to restarting it).
/// </summary>
/// <param name="LongestPause">The longest pause's collection and reason, like "gen1 AllocSmall"; "none" without pauses.</param>
public sealed record GcFigures(int Gen0, int Gen1, int Gen2, int Pauses, double PauseTotalMs, double PauseMaxMs, string LongestPause)
{
    public static GcFigures None { get; } = new(0, 0, 0, 0, 0, 0, "none");

    public int Collections => Gen0 + Gen1 + Gen2;
}
