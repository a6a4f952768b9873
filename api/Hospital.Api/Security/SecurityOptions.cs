using Hospital.Contracts.Security;

namespace Hospital.Api.Security;

/// <summary>Settings under <c>Hospital:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Hospital:Auth";

    /// <summary>
    /// At first start (no user yet) user <c>admin</c> gets this password; without it a random one is written once to
    /// <c>bootstrap-admin-password</c> in the key directory, readable only by the process owner (never logged).
    /// </summary>
    public string? BootstrapAdminPassword { get; set; }

    public string Issuer { get; set; } = "orleans-hospital";
    public string Audience { get; set; } = "orleans-hospital-api";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>An OpenID Connect provider whose access tokens are accepted too (production single sign-on).</summary>
    public string? Authority { get; set; }
    public string? OidcAudience { get; set; }
    /// <summary>The claim of the provider's tokens that lists roles.</summary>
    public string RoleClaim { get; set; } = "roles";
    /// <summary>Provider role name to platform role, e.g. <c>Hospital:Auth:RoleMap:ward-nurse=Nurse</c>.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Consecutive failures from one address before it must wait; the wait doubles from <see cref="FirstLockout"/> to <see cref="Lockout"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures from addresses that never signed in to the account before they all wait too (known addresses do not).</summary>
    public int MaxStrangerFailures { get; set; } = 50;

    public SignInPolicy SignInPolicy => new(MaxFailedSignIns, FirstLockout, Lockout, MaxStrangerFailures);
}

/// <summary>Settings under <c>Hospital:RateLimit</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Hospital:RateLimit";

    /// <summary>Requests per second per user (token bucket refill); Admin and Integration get <see cref="PrivilegedPermitsPerSecond"/>.</summary>
    public int PermitsPerSecond { get; set; } = 200;
    public int Burst { get; set; } = 400;
    public int PrivilegedPermitsPerSecond { get; set; } = 20_000;
    /// <summary>Sign-in attempts per minute per client address (always limited).</summary>
    public int SignInPerMinute { get; set; } = 120;
}
