# The Web image. Build from the repository root:
#   docker build -f deploy/web.Dockerfile -t clinical-images-web:<version> .
# The caption strip needs the DejaVu Sans font (ADR 0005); Magick.NET's native library has no other system dependency.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ClinicalImages.Web/ClinicalImages.Web.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's non-root user (UID 1654); listens on 8080.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "ClinicalImages.Web.dll"]
