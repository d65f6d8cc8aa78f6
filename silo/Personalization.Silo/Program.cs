using Personalization.Silo.Hosting;

SiloApp.Create(args).Run();
