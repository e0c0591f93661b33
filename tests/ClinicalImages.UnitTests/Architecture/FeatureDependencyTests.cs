using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace ClinicalImages.UnitTests.Architecture;

/// <summary>
/// The Web project's layers, bottom up: Platform (ids, audit, Redis connection, cookies' shared rules) and the page
/// layouts (Components.Layout) → the features (ClinicalImages.Web.Features.*, each its own folder with its UI, none in
/// a cycle with another) → Persistence (the in-memory and Redis stores behind the features' store interfaces) →
/// Hosting and Components (the composition: the request pipeline and the pages that put features together). Nothing
/// depends on a layer above it.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Web = @"ClinicalImages\.Web";

    /// <summary>The composition's pages and widget parts: Components and below, except the layouts.</summary>
    private const string Composition = @"^ClinicalImages\.Web\.(Persistence|Hosting|Components(?!\.Layout$))(\..*)?$";

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Product = new(() =>
        new ArchLoader().LoadAssemblies(typeof(ClinicalImages.Web.Features.Sessions.CaptureSession).Assembly).Build());

    [Fact]
    public void Features_DependOnEachOtherWithoutCycles() =>
        SliceRuleDefinition.Slices().Matching("ClinicalImages.Web.Features.(*)..").Should().BeFreeOfCycles().Check(Product.Value);

    [Fact]
    public void Platform_DependsOnNothingElseOfTheProduct() =>
        Types().That().ResideInNamespaceMatching(Anchored(@"\.Platform"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Anchored(@"\.(Features|Persistence|Hosting|Components)(\..*)?")))
            .Check(Product.Value);

    [Fact]
    public void Layouts_DependOnNothingElseOfTheProduct() =>
        Types().That().ResideInNamespaceMatching(Anchored(@"\.Components\.Layout"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Composition + "|" + Anchored(@"\.Features(\..*)?")))
            .Check(Product.Value);

    [Fact]
    public void Features_DoNotDependOnTheStoresOrTheComposition() =>
        Types().That().ResideInNamespaceMatching(Anchored(@"\.Features(\..*)?"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Composition))
            .Check(Product.Value);

    [Fact]
    public void Persistence_DependsOnTheFeaturesNotOnTheComposition() =>
        Types().That().ResideInNamespaceMatching(Anchored(@"\.Persistence"))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Anchored(@"\.(Hosting|Components)(\..*)?")))
            .Check(Product.Value);

    /// <summary>The gateway's parts (Auth, Http, Errors, Filing, Launch, Patients, Wire, Host…) use each other without a cycle.</summary>
    [Fact]
    public void GatewayParts_DependOnEachOtherWithoutCycles() =>
        SliceRuleDefinition.Slices().Matching("ClinicalImages.Gateway.(*)..").Should().BeFreeOfCycles().Check(Gateway.Value);

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Gateway = new(() =>
        new ArchLoader().LoadAssemblies(typeof(ClinicalImages.Gateway.IAlexGateway).Assembly).Build());

    private static string Anchored(string below) => "^" + Web + below + "$";
}
