using Personalization.Silo.Commands;

return await CommandLine.RunAsync(args);
