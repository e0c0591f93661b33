using System.Text.RegularExpressions;
using Duende.IdentityModel.Client;
using ClinicalImages.Gateway.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Gateway.Auth;

/// <summary>
/// Client-credentials tokens for ALEX: one cached token, renewed before it expires, one renewal at a time.
/// The protocol exchange is Duende.IdentityModel's; see docs/adr/0003-alex-token-management.md for why the
/// cache is ours.
/// </summary>
internal sealed partial class AlexTokenProvider(
    IHttpClientFactory httpClients,
    IAlexEndpointsSource endpoints,
    IOptions<AlexOptions> options,
    TimeProvider time,
    ILogger<AlexTokenProvider> logger) : IDisposable
{
    public const string HttpClientName = "alex-token";

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile AlexToken? _current;

    public int Renewals { get; private set; }

    /// <summary>The cached token, or a fresh one when it is due.</summary>
    public async ValueTask<AlexToken> GetAsync(CancellationToken cancellationToken)
    {
        var token = _current;
        if (token is not null && !token.IsDue(time.GetUtcNow()))
        {
            return token;
        }

        await _renewal.WaitAsync(cancellationToken);
        try
        {
            token = _current;
            if (token is not null && !token.IsDue(time.GetUtcNow()))
            {
                return token;
            }

            return _current = await RequestAsync(cancellationToken);
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>
    /// ALEX refused <paramref name="rejected"/>: renew, unless another caller already did. Many requests failing
    /// with the same token cause one renewal, not one each.
    /// </summary>
    public async ValueTask<AlexToken> RenewAsync(AlexToken rejected, CancellationToken cancellationToken)
    {
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            var token = _current;
            if (token is not null && !ReferenceEquals(token, rejected) && !token.IsDue(time.GetUtcNow()))
            {
                return token;
            }

            return _current = await RequestAsync(cancellationToken);
        }
        finally
        {
            _renewal.Release();
        }
    }

    private async Task<AlexToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var http = httpClients.CreateClient(HttpClientName);
        TokenResponse response;
        try
        {
            response = await http.RequestClientCredentialsTokenAsync(
                new ClientCredentialsTokenRequest
                {
                    Address = endpoints.Current().TokenUrl.AbsoluteUri,
                    ClientId = settings.ClientId ?? string.Empty,
                    ClientSecret = settings.ClientSecret,
                    Scope = settings.Scope,
                    ClientCredentialStyle = ClientCredentialStyle.PostBody,
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw NotSignedIn(ex);
        }

        // The token client reports a connection it could not make as an answer, not an exception: the sign-in was
        // never reached, so nothing was refused, and it may answer in a minute.
        if (response.ErrorType == ResponseErrorType.Exception)
        {
            LogTokenUnreachable(logger, response.Exception?.GetType().Name ?? "none");
            throw NotSignedIn(response.Exception);
        }

        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            LogTokenRefused(logger, (int)response.HttpStatusCode, response.Error ?? "none");
            throw new AlexException(AlexErrorKind.SignInRefused, AlexMessages.SignInRefused, (int)response.HttpStatusCode, OAuthError(response));
        }

        var now = time.GetUtcNow();
        var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 1));
        var margin = TimeSpan.FromSeconds(Math.Min(settings.TokenRenewalMarginSeconds, lifetime.TotalSeconds / 2));
        Renewals++;
        LogTokenIssued(logger, (int)lifetime.TotalSeconds);
        return new AlexToken(response.AccessToken, now + lifetime, now + lifetime - margin);
    }

    public void Dispose() => _renewal.Dispose();

    // Not "unreachable": with no token nothing reached ALEX, so no write can have been stored (a photo is never left
    // unclear for this), and a later attempt may sign in.
    private static AlexException NotSignedIn(Exception? cause) =>
        new(AlexErrorKind.Unauthorized, AlexMessages.Unauthorized, inner: cause);

    // The OAuth error and Entra's AADSTS code (which says which setting is wrong), never the free text around them.
    private static string? OAuthError(TokenResponse response)
    {
        // A 401 counts as an HTTP error, whose Error is the reason phrase: read Entra's JSON body for its own words.
        var error = (response.Json is null ? null : response.TryGet("error")) ?? response.Error;
        var description = (response.Json is null ? null : response.TryGet("error_description")) ?? response.ErrorDescription;
        var code = description is null ? null : EntraCode().Match(description);
        return (error, code is { Success: true }) switch
        {
            (null, false) => null,
            (null, true) => code!.Value,
            (_, false) => error,
            _ => $"{error} ({code!.Value})",
        };
    }

    [GeneratedRegex(@"\bAADSTS\d{4,8}\b")]
    private static partial Regex EntraCode();

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "ALEX token issued, valid {LifetimeSeconds} s")]
    private static partial void LogTokenIssued(ILogger logger, int lifetimeSeconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "ALEX token request refused: HTTP {Status}, OAuth error {Error}")]
    private static partial void LogTokenRefused(ILogger logger, int status, string error);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "ALEX token endpoint not reached ({Failure}); launches and filing wait for it")]
    private static partial void LogTokenUnreachable(ILogger logger, string failure);
}
