namespace ClinicalImages.AlexSandbox;

// The standalone ALEX sandbox: `dotnet run --project src/ClinicalImages.AlexSandbox`.
internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();
    }
}
