using ClinicalImages.Gateway;
using ClinicalImages.Web.Components;
using ClinicalImages.Web.Features.EarlierPhotos;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Health;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Launch;
using ClinicalImages.Web.Features.PatientRequests;
using ClinicalImages.Web.Features.Phone;
using ClinicalImages.Web.Features.Sandbox;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Features.UnclearFilings;
using ClinicalImages.Web.Features.Widget;
using ClinicalImages.Web.Hosting;
using ClinicalImages.Web.Persistence;
using ClinicalImages.Web.Platform;

var builder = WebApplication.CreateBuilder(args);

builder.AddOperations();
builder.Services.AddProblemResponses();
builder.Services.AddSecurity();
builder.Services.AddAlexGateway();
builder.Services.AddAlexGatewayClient();
builder.AddSandboxMode();
builder.Services.AddRedisConnection();
builder.Services.AddPersistence();
builder.Services.AddSessionEvents();
builder.Services.AddSessions();
builder.Services.AddSharedDataProtection(builder.Configuration);
builder.Services.AddImageStorage();
builder.Services.AddImages();
builder.Services.AddHandoff();
builder.Services.AddPatientRequests();
builder.Services.AddFiling();
builder.Services.AddUnclearFilings();
builder.Services.AddEarlierPhotos();
builder.Services.AddHealth();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

app.UseSecurity();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealth();
app.MapOpenApi();
app.MapLaunchApi();
app.MapSessionsApi();
app.MapImagesApi();
app.MapHandoffApi();
app.MapMobileApi();
app.MapPatientRequestsApi();
app.MapCommitApi();
app.MapUnclearFilingsApi();
app.MapEarlierPhotosApi();
app.MapStorageApi();
app.MapSandboxMode();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
