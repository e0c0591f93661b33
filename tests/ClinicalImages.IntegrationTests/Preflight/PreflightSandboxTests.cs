using ClinicalImages.AlexSandbox;

namespace ClinicalImages.IntegrationTests.Preflight;

/// <summary>
/// The preflight with no Alex settings: it starts the ALEX sandbox in-process and checks it. Faults come in as a host
/// would give them (Alex__* and AlexSandbox__* settings), and each must stop the run at its own step with its own sentence.
/// </summary>
public sealed class PreflightSandboxTests
{
    private static readonly string[] PatientNames = ["Ngata", "Aroha"];

    [Fact]
    public async Task Preflight_AgainstTheSandboxDefault_PassesEveryRequiredStepAndFilesItsTestPhoto()
    {
        var run = await PreflightRun.StartAsync("--write");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("Result: PASS: every required step passed.", run.Summary);
        foreach (var step in new[] { "Settings", "Token", "Roles in the token", "Facility", "Patient by NHI", "Practitioner read", "Scan test filing", "Scan read-back", "Launch context" })
        {
            Assert.Equal("PASS", run.ResultOf(step));
        }

        Assert.Equal("read by id: ours, identifier kept; search: found by our identifier", run.CameBackOf("Scan read-back"));
        Assert.DoesNotContain(AlexSandboxOptions.SandboxOnlySecret, run.Output, StringComparison.Ordinal);
        Assert.False(run.ShowsAToken, run.Output);
        Assert.All(PatientNames, name => Assert.DoesNotContain(name, run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preflight_WithAWrongSecret_FailsAtTheTokenAndNamesAlexClientSecret()
    {
        var run = await PreflightRun.StartAsync(new Dictionary<string, string?> { ["Alex:ClientSecret"] = "not-the-secret-7f3a9c" });

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Result: FAIL at step 2 (Token). The client secret was refused", run.Summary, StringComparison.Ordinal);
        Assert.EndsWith("First failing setting or role: Alex__ClientSecret.", run.Summary, StringComparison.Ordinal);
        Assert.Equal("401 invalid_client (AADSTS7000215)", run.CameBackOf("Token"));
        Assert.Equal("NOT RUN", run.ResultOf("Facility"));
        Assert.DoesNotContain("not-the-secret-7f3a9c", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_ForAnUnknownFacility_FailsAtTheFacilityStepAndNamesTheFacilityOption()
    {
        var run = await PreflightRun.StartAsync("--facility", "F9Z999-K");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Result: FAIL at step 4 (Facility (mt-facilityid)). ALEX does not know facility F9Z999-K for this app", run.Summary, StringComparison.Ordinal);
        Assert.EndsWith("First failing setting or role: --facility.", run.Summary, StringComparison.Ordinal);
        Assert.Equal("403 Practice Facility not found.", run.CameBackOf("Facility"));
        Assert.Equal("NOT RUN", run.ResultOf("Patient by NHI"));
    }

    [Fact]
    public async Task Preflight_ForAnAppWithoutTheScanRole_FailsAtTheRolesAndNamesTheMissingRole()
    {
        var run = await PreflightRun.StartAsync(new Dictionary<string, string?> { ["Alex:ClientId"] = "clinical-images-no-scan" }, "--write");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Result: FAIL at step 3 (Roles in the token). Patient.documentreference.scaninbox.write is missing", run.Summary, StringComparison.Ordinal);
        Assert.EndsWith("First failing setting or role: Patient.documentreference.scaninbox.write.", run.Summary, StringComparison.Ordinal);

        // The run goes on, and ALEX itself refuses the filing for the same reason.
        Assert.Equal("PASS", run.ResultOf("Patient by NHI"));
        Assert.Equal("FAIL", run.ResultOf("Scan test filing"));
        Assert.Equal("403 Authorization failed.", run.CameBackOf("Scan test filing"));
    }

    [Fact]
    public async Task Preflight_WhenThePracticeComputerIsAsleep_FailsAtTheFacilityStepAndSaysToWakeIt()
    {
        var run = await PreflightRun.StartAsync(new Dictionary<string, string?> { ["AlexSandbox:Faults:F2N060-E"] = "unavailable" });

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Result: FAIL at step 4 (Facility (mt-facilityid)). The practice computer ALEX relays to is asleep", run.Summary, StringComparison.Ordinal);
        Assert.Equal("503 Cannot establish connection to the facility. Please try again later.", run.CameBackOf("Facility"));
        Assert.Equal("PASS", run.ResultOf("Token"));
    }

    [Fact]
    public async Task Preflight_WriteForANonTestNhi_IsRefusedBeforeAnythingIsSent()
    {
        var run = await PreflightRun.StartAsync("--nhi", "ABC1235", "--write");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--write files a test photo, so it runs only for a test NHI", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Result:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_WithALaunchUrlAlexCannotDecode_FailsAtTheLaunchAndNeverPrintsTheSignature()
    {
        const string signature = "c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk";
        var run = await PreflightRun.StartAsync("--provider", "99ZWHA", "--launch-url", $"https://widget.example/launch?context=Zm9yZ2VkLWNvbnRleHQ%3D&signature={signature}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("PASS", run.ResultOf("Practitioner read"));
        Assert.StartsWith("Result: FAIL at step 9 (Launch context). Paste the URL exactly as Evolution opened it", run.Summary, StringComparison.Ordinal);
        Assert.EndsWith("First failing setting or role: --launch-url.", run.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, run.Output, StringComparison.Ordinal);
    }
}
