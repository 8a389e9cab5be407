using Chat.Bench;
using Chat.Bench.Hosting;

// The bench starts itself again as the server under test ("serve"), so server and load
// client are separate processes whose CPU and memory can be told apart.
if (args is ["serve", .. var serveArgs])
{
    return await ServeCommand.RunAsync(serveArgs);
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
return await BenchRunner.RunAsync(args, Console.Out, Console.Error, interrupted.Token);
