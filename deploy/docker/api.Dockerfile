# The standalone client API (an Orleans client; no silo). Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t personalization-api .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY grains/Personalization.Abstractions/Personalization.Abstractions.csproj grains/Personalization.Abstractions/
COPY client/Personalization.Api/Personalization.Api.csproj client/Personalization.Api/
COPY client/Personalization.Api.Host/Personalization.Api.Host.csproj client/Personalization.Api.Host/
RUN dotnet restore client/Personalization.Api.Host/Personalization.Api.Host.csproj
COPY grains/Personalization.Abstractions/ grains/Personalization.Abstractions/
COPY client/Personalization.Api/ client/Personalization.Api/
COPY client/Personalization.Api.Host/ client/Personalization.Api.Host/
RUN dotnet publish client/Personalization.Api.Host/Personalization.Api.Host.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# The ASP.NET runtime only, chiseled (no shell), non-root user 'app'.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
# Urls (not ASPNETCORE_URLS): appsettings.json sets Urls, and only a plain variable overrides it.
ENV Urls=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Personalization.Api.Host.dll"]
