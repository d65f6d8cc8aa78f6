using Personalization.Api;
using Personalization.Api.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterClient();
builder.AddPersonalizationApi();

var app = builder.Build();
app.MapPersonalizationApi();
await app.RunAsync();
