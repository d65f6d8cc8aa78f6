using Personalization.Api;
using Personalization.Api.Host;
using Personalization.Api.Metrics;

var builder = WebApplication.CreateBuilder(args);
builder.AddClusterClient();
builder.AddPersonalizationApi();
builder.AddOperatorMetrics();

var app = builder.Build();
app.MapPersonalizationApi();
app.MapOperatorMetrics();
await app.RunAsync();
