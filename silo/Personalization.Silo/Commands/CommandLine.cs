using Personalization.Silo.Hosting;

namespace Personalization.Silo.Commands;

/// <summary>Dispatches the first argument to a verb, or runs the product when it names none.</summary>
public static class CommandLine
{
    /// <summary>Every verb; a new command is one class and one line here.</summary>
    private static readonly ISiloCommand[] Commands =
    [
        new MigrateCommand(),
        new EvaluateCommand(),
        new TrainCommand(),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] is "help" or "--help" or "-h" or "-?")
        {
            PrintHelp();
            return 0;
        }

        var command = args.Length > 0 ? Commands.FirstOrDefault(c => c.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase)) : null;
        if (command is null)
        {
            await SiloApp.Create(args).RunAsync();
            return 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await command.RunAsync(args[1..], cancellation.Token);
    }

    private static void PrintHelp()
    {
        Console.WriteLine("Personalization: real-time e-commerce personalization on Orleans.");
        Console.WriteLine();
        Console.WriteLine("Usage: Personalization.Silo [VERB] [options]");
        Console.WriteLine("  (no verb)        run the silo with the HTTP API and dashboard; --demo adds a demo catalogue and shoppers");
        foreach (var command in Commands) Console.WriteLine($"  {command.Name,-16} {command.Summary}");
        Console.WriteLine();
        Console.WriteLine("Settings come from appsettings.json, environment variables (Section__Key) and --Section:Key=value.");
    }
}
