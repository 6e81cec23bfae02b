using NuDM.App.Cli;

return await CommandLine.RunAsync(args);
