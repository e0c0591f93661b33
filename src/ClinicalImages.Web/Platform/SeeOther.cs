namespace ClinicalImages.Web.Platform;

/// <summary>303 See Other: the browser follows with a GET and the URL it came from (a launch, a QR link) leaves the address bar.</summary>
internal sealed class SeeOther(string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = location;
        httpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
