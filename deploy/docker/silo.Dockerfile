# The silo (also the migrate job: `docker run IMAGE migrate`). Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t personalization-silo .
# Stage 1 restores with only the project files (a cached layer while dependencies do not change), then publishes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY grains/Personalization.Abstractions/Personalization.Abstractions.csproj grains/Personalization.Abstractions/
COPY grains/Personalization.Grains/Personalization.Grains.csproj grains/Personalization.Grains/
COPY client/Personalization.Api/Personalization.Api.csproj client/Personalization.Api/
COPY silo/Personalization.Silo/Personalization.Silo.csproj silo/Personalization.Silo/
RUN dotnet restore silo/Personalization.Silo/Personalization.Silo.csproj
COPY grains/ grains/
COPY client/Personalization.Api/ client/Personalization.Api/
COPY silo/Personalization.Silo/ silo/Personalization.Silo/
# The schema is embedded in the executable (the migrate verb applies it).
COPY deploy/sql/ deploy/sql/
RUN dotnet publish silo/Personalization.Silo/Personalization.Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

# Stage 2: the ASP.NET runtime only, Ubuntu "chiseled" (no shell, no package manager), non-root user 'app' (uid 1654).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
# HTTP API + dashboard, silo-to-silo, client gateway.
# Urls (not ASPNETCORE_URLS): appsettings.json sets Urls, and only a plain variable overrides it.
ENV Urls=http://+:8080 \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000 \
    DOTNET_gcServer=1
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "Personalization.Silo.dll"]
