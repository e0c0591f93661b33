using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>What the emulated ALEX says it supports: the subset the sandbox emulates.</summary>
internal static class CapabilityStatementFactory
{
    public static IResult Get(HttpContext http, TimeProvider time) => new FhirResult(Create(http, time));

    private static CapabilityStatement Create(HttpContext http, TimeProvider time)
    {
        var fhirBase = AlexBase.From(http).FhirBaseUrl(http.Request);
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Clinical Images for Medtech (ALEX sandbox)",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "ALEX sandbox" },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "Emulation of Medtech ALEX for local runs and tests",
                Url = fhirBase,
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = new CapabilityStatement.SecurityComponent
                    {
                        Description = "OAuth 2.0 client credentials (Entra ID); send mt-facilityid on every call.",
                    },
                    Resource =
                    [
                        Resource(ResourceType.Patient, ["identifier"], CapabilityStatement.TypeRestfulInteraction.Read),
                        Resource(ResourceType.Location, [], CapabilityStatement.TypeRestfulInteraction.Read),
                        Resource(ResourceType.Practitioner, ["identifier"], CapabilityStatement.TypeRestfulInteraction.Read),
                        Resource(ResourceType.DocumentReference, ["patient.identifier"], CapabilityStatement.TypeRestfulInteraction.Create, NzSystems.ScannedDocumentProfile),
                        Resource(ResourceType.Media, ["patient.identifier"], CapabilityStatement.TypeRestfulInteraction.Create),
                    ],
                },
            ],
        };
    }

    private static CapabilityStatement.ResourceComponent Resource(
        ResourceType type, string[] searchParams, CapabilityStatement.TypeRestfulInteraction interaction, string? profile = null)
    {
        var component = new CapabilityStatement.ResourceComponent
        {
            Type = type.ToString(),
            Profile = profile,
            Interaction =
            [
                new CapabilityStatement.ResourceInteractionComponent { Code = interaction },
                new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
            ],
        };
        foreach (var name in searchParams)
        {
            component.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = SearchParamType.Token });
        }

        return component;
    }
}
