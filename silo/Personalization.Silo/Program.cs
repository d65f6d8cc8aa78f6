using Personalization.Api;
using Personalization.Silo.Hosting;

var builder = WebApplication.CreateBuilder(SiloHostExtensions.WithDemoSwitch(args));
builder.AddEmbeddedSilo();
builder.AddPersonalizationApi();

var app = builder.Build();
app.MapPersonalizationApi();
app.MapDashboard();
app.Run();

/// <summary>Visible to the HTTP tests, which start this very host.</summary>
public partial class Program;
