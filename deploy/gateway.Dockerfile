# The ALEX gateway host's image, for deployments where ALEX must be called from one static egress IP
# (docs/gateway-deployment.md). Build from the repository root:
#   docker build -f deploy/gateway.Dockerfile -t clinical-images-gateway:<version> .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ClinicalImages.Gateway/ClinicalImages.Gateway.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
# HTTPS only: the service key, patient details and renditions cross this link. The certificate is mounted at run time.
ENV ASPNETCORE_HTTPS_PORTS=8443
EXPOSE 8443
ENTRYPOINT ["dotnet", "ClinicalImages.Gateway.dll"]
