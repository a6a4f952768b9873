namespace Hospital.Api.Security;

/// <summary>
/// Headers on every response: no sniffing, no framing, no referrer, and a content security policy — the dashboard's
/// allows only its own scripts, styles, images and connections; API answers allow nothing at all and are never
/// cached. HSTS once the request came over HTTPS (the ingress terminates TLS in Kubernetes).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The API reference page runs its own inline start-up script.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var api = path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/health");
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            // A document an endpoint serves (a printable invoice) may bring a policy of its own, never a wider default.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = api ? ApiPolicy : path.StartsWithSegments("/scalar") ? ReferencePolicy : DashboardPolicy;
            }
            if (api)
            {
                headers.CacheControl = "no-store";
            }

            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
