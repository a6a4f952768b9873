using System.Security.Claims;
using System.Threading.RateLimiting;
using Hospital.Contracts.Security;
using Hospital.Hosting.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hospital.Api.Security;

public static class SecurityRegistration
{
    public const string LocalScheme = "Local";
    public const string OidcScheme = "Oidc";
    public const string SignInLimit = "sign-in";
    private const string Selector = "Bearer";

    /// <summary>The policy name of a permission: endpoints say <c>.RequireAuthorization(Policy(Permission.X))</c>.</summary>
    public static string Policy(Permission permission) => "perm:" + permission;

    public static WebApplicationBuilder AddHospitalSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.BootstrapAdminPassword) || PasswordPolicy.Problem(o.BootstrapAdminPassword) is null,
                $"Hospital:Auth:BootstrapAdminPassword must be {PasswordPolicy.MinLength}-{PasswordPolicy.MaxLength} characters and not a common password.")
            .Validate(o => o.TokenLifetime >= TimeSpan.FromSeconds(5) && o.TokenLifetime <= TimeSpan.FromDays(7), "Hospital:Auth:TokenLifetime must be between 5 seconds and 7 days.")
            .Validate(o => o.MaxFailedSignIns is >= 1 and <= 100 && o.MaxStrangerFailures >= o.MaxFailedSignIns && o.MaxStrangerFailures <= 100_000,
                "Hospital:Auth:MaxFailedSignIns must be 1-100 and MaxStrangerFailures at least that (at most 100000).")
            .Validate(o => o.FirstLockout >= TimeSpan.FromSeconds(1) && o.Lockout >= o.FirstLockout && o.Lockout <= TimeSpan.FromDays(1),
                "Hospital:Auth:FirstLockout must be at least 1 second and Lockout between it and 1 day.")
            .Validate(o => o.Authority is null || Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "Hospital:Auth:Authority must be an absolute URL.")
            .Validate(o => o.RoleMap.Values.All(r => Roles.All.Contains(r)), "Hospital:Auth:RoleMap values must be platform roles.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PermitsPerSecond > 0 && o.Burst > 0 && o.PrivilegedPermitsPerSecond >= 5000 && o.SignInPerMinute > 0,
                "Hospital:RateLimit: permits must be positive, and PrivilegedPermitsPerSecond at least 5000.")
            .ValidateOnStart();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountStamps>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountStamps>());
        services.AddSingleton<ApiKeyFailures>();
        services.AddHostedService<SecurityStartup>();

        // Cross-origin browser calls are refused unless an origin is configured (the dashboard is served by the api itself).
        var origins = CorsOrigins(builder.Configuration);
        if (origins.Any(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http") || u.AbsolutePath != "/"))
        {
            throw new OptionsValidationException("Hospital:Cors", typeof(string[]), ["Hospital:Cors:AllowedOrigins must be origins such as https://board.example.org."]);
        }

        if (origins.Length > 0)
        {
            services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(origins).WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "X-Api-Key")
                .WithMethods("GET", "POST", "PUT", "DELETE").AllowCredentials()));
        }

        var authority = builder.Configuration["Hospital:Auth:Authority"];
        var authentication = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "Bearer token or API key", o => o.ForwardDefaultSelector = context => SchemeFor(context, authority))
            .AddJwtBearer(LocalScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, _ => { });
        if (authority is { Length: > 0 })
        {
            authentication.AddJwtBearer(OidcScheme, _ => { });
        }

        services.AddOptions<JwtBearerOptions>(LocalScheme).Configure<SigningKeys, IOptions<AuthOptions>>((o, keys, auth) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Value.Issuer,
                ValidAudience = auth.Value.Audience,
                IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
                NameClaimType = ClaimTypes.Name,
                RoleClaimType = ClaimTypes.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = HubToken,
                // A platform token outlives nothing about its account: once its stamp is not the account's (roles or
                // password changed, disabled, deleted), it is refused.
                OnTokenValidated = async context =>
                {
                    var stamps = context.HttpContext.RequestServices.GetRequiredService<AccountStamps>();
                    var issued = context.SecurityToken is JsonWebToken jwt ? jwt.IssuedAt : DateTime.UtcNow;
                    if (!await stamps.IsCurrentAsync(context.Principal?.Identity?.Name, context.Principal?.FindFirst(TokenIssuer.StampClaim)?.Value, issued))
                    {
                        context.Fail("The token was revoked: the account changed, was disabled or deleted.");
                    }
                },
            };
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new ValidatedTokenCache { MapInboundClaims = false });
        });
        services.AddOptions<JwtBearerOptions>(OidcScheme).Configure<IOptions<AuthOptions>>((o, auth) =>
        {
            var a = auth.Value;
            o.Authority = a.Authority;
            o.Audience = a.OidcAudience;
            o.RequireHttpsMetadata = a.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.RoleClaimType = a.RoleClaim;
            o.TokenValidationParameters.NameClaimType = "preferred_username";
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = HubToken,
                OnTokenValidated = context =>
                {
                    // Provider roles become platform roles, by name or through Hospital:Auth:RoleMap.
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    foreach (var role in identity.FindAll(a.RoleClaim).Select(c => c.Value).ToList())
                    {
                        var mapped = a.RoleMap.GetValueOrDefault(role) ?? Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
                        if (mapped is not null)
                        {
                            identity.AddClaim(new Claim(ClaimTypes.Role, mapped));
                        }
                    }

                    return Task.CompletedTask;
                },
            };
        });

        services.AddAuthorization(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                var roles = PermissionMatrix.RolesWith(permission);
                o.AddPolicy(Policy(permission), p => p.RequireAuthenticatedUser().RequireAssertion(c => roles.Any(r => c.User.HasClaim(ClaimTypes.Role, r))));
            }

            // An endpoint that names no policy still needs a signed-in caller.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

        services.AddRateLimiter(o =>
        {
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString();
                }

                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: "The request rate limit was exceeded; retry later.")
                    .ExecuteAsync(context.HttpContext);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var user = context.User.Identity?.Name;
                var privileged = context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Integration);
                var perSecond = privileged ? limits.PrivilegedPermitsPerSecond : limits.PermitsPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter(user ?? "ip:" + context.Connection.RemoteIpAddress, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = privileged ? perSecond * 2 : limits.Burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.AddPolicy(SignInLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.SignInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    /// <summary>Origins whose pages may call the api from a browser (<c>Hospital:Cors:AllowedOrigins</c>); none by default.</summary>
    public static string[] CorsOrigins(IConfiguration configuration) =>
        configuration.GetSection("Hospital:Cors:AllowedOrigins").Get<string[]>() ?? [];

    public static WebApplication UseHospitalSecurity(this WebApplication app)
    {
        if (CorsOrigins(app.Configuration).Length > 0)
        {
            app.UseCors();
        }

        app.UseAuthentication();
        app.UseMiddleware<AuditTrailMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>API key header, else the provider's token when its issuer is not ours, else our own token.</summary>
    private static string SchemeFor(HttpContext context, string? authority)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header))
        {
            return ApiKeyAuthentication.SchemeName;
        }

        if (authority is { Length: > 0 } && BearerToken(context) is { } token)
        {
            var handler = new JsonWebTokenHandler();
            var issuer = handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Issuer : null;
            var ours = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Issuer;
            if (issuer is not null && issuer != ours)
            {
                return OidcScheme;
            }
        }

        return LocalScheme;
    }

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : context.Request.Path.StartsWithSegments("/hubs") ? context.Request.Query["access_token"].ToString() : null;
    }

    /// <summary>Browsers cannot set headers on WebSockets: SignalR sends the token as <c>access_token</c>.</summary>
    private static Task HubToken(MessageReceivedContext context)
    {
        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }
}
