using ClinicalImages.AlexSandbox.Faults;
using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Launch;
using ClinicalImages.AlexSandbox.Tokens;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>The FHIR routes of the emulated ALEX. Literal segments match in any case, so /fhir/ works as /FHIR/.</summary>
internal static class FhirApi
{
    public static void MapFhirApi(this IEndpointRouteBuilder alex)
    {
        var fhir = alex.MapGroup("/FHIR");
        fhir.MapGet("/metadata", CapabilityStatementFactory.Get);

        // The launch decode needs a token but no facility; ALEX documents it under the FHIR base and beside it.
        MapLaunchDecode(fhir.MapGroup("").AddEndpointFilter<AlexAccessFilter>());
        MapLaunchDecode(alex.MapGroup("").AddEndpointFilter<AlexAccessFilter>());

        var practice = fhir.MapGroup("")
            .AddEndpointFilter<AlexAccessFilter>()
            .AddEndpointFilter<FaultFilter>();

        practice.MapGet("/Patient", PatientHandlers.Search);
        practice.MapGet("/Patient/{id}", PatientHandlers.Read);
        practice.MapGet("/Location", PracticeHandlers.SearchLocations);
        practice.MapGet("/Location/{id}", PracticeHandlers.ReadLocation);
        practice.MapGet("/Practitioner", PracticeHandlers.SearchPractitioners);
        practice.MapGet("/Practitioner/{id}", PracticeHandlers.ReadPractitioner);

        practice.MapPost("/DocumentReference", FilingHandlers.PostDocumentReferenceAsync)
            .WithMetadata(new RequiredRole(AlexRoles.ScanInboxWrite));
        practice.MapGet("/DocumentReference", FiledReadHandlers.SearchDocumentReferences);
        practice.MapGet("/DocumentReference/{id}", FiledReadHandlers.ReadDocumentReference);
        practice.MapGet("/DocumentReference/{id}/_history/{versionId}", FiledReadHandlers.VReadDocumentReference);

        practice.MapPost("/Media", FilingHandlers.PostMediaAsync)
            .WithMetadata(new RequiredRole(AlexRoles.MediaWrite));
        practice.MapGet("/Media", FiledReadHandlers.SearchMedia);
        practice.MapGet("/Media/{id}", FiledReadHandlers.ReadMedia);
        practice.MapGet("/Media/{id}/_history/{versionId}", FiledReadHandlers.VReadMedia);
    }

    private static void MapLaunchDecode(RouteGroupBuilder group) =>
        group.MapGet(LaunchDecodeHandler.Route, LaunchDecodeHandler.Decode)
            .AddEndpointFilter<FaultFilter>()
            .WithMetadata(new RequiredRole(AlexRoles.LaunchContextRead), new FacilityNotRequired());
}
