namespace Hospital.Api.Security;

/// <summary>The client address sign-in waits and API-key limits are counted by (from X-Forwarded-For behind the ingress).</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
