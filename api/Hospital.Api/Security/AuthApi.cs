using System.Security.Claims;
using System.Security.Cryptography;
using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Hospital.Hosting.Security;

namespace Hospital.Api.Security;

public sealed record SignInRequest(string? Username, string? Password);

/// <summary>Who the caller is and what they may do.</summary>
public sealed record MeView(string Username, IReadOnlyList<string> Roles, IReadOnlyList<Permission> Permissions, bool Clinical);

public sealed record CreateUserRequest(string? Username, string? Password, IReadOnlyList<string>? Roles);

public sealed record RolesRequest(IReadOnlyList<string>? Roles);

public sealed record PasswordRequest(string? Password);

public sealed record ApiKeyResponse(string Username, string ApiKey);

public static class AuthApi
{
    private static readonly PasswordHasher<string> Hasher = new();
    private static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(5);
    // Verifying against this when the user does not exist keeps the response time from revealing who exists.
    private static readonly string DummyHash = Hasher.HashPassword("nobody", "not-a-password");

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Security");
        auth.MapPost("/token", SignIn).AllowAnonymous().RequireRateLimiting(SecurityRegistration.SignInLimit)
            .WithName("SignIn").WithSummary("Exchange a username and password for a bearer token.");
        auth.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in user, roles and permissions.");

        var users = app.MapGroup("/api/admin/users").WithTags("Security").RequireAuthorization(SecurityRegistration.Policy(Permission.UserAdmin));
        users.MapPost("/", CreateUser).WithName("CreateUser").WithSummary("Create a local user with roles.");
        users.MapGet("/", ListUsers).WithName("ListUsers");
        users.MapPut("/{username}/roles", SetRoles).WithName("SetUserRoles");
        users.MapPost("/{username}/password", SetPassword).WithName("SetUserPassword").WithSummary("Set a new password (also lifts a lockout).");
        users.MapPost("/{username}/disable", (string username, IGrainFactory grains, AccountStamps stamps) => SetDisabled(username, true, grains, stamps)).WithName("DisableUser");
        users.MapPost("/{username}/enable", (string username, IGrainFactory grains, AccountStamps stamps) => SetDisabled(username, false, grains, stamps)).WithName("EnableUser");
        users.MapDelete("/{username}", DeleteUser).WithName("DeleteUser").WithSummary("Delete a local user: their tokens, API keys and live connections stop at once.");
        users.MapPost("/{username}/api-keys", IssueApiKey).WithName("IssueApiKey").WithSummary("Issue an API key for a machine client (shown once).");
        return app;
    }

    /// <summary>
    /// The directory answers the hash to check the password against and counts the attempt as being checked, so
    /// guesses sent at once get no more tries than guesses sent one by one (the ones beyond what the address may still
    /// fail wait here, up to <see cref="BusyWait"/>, for the earlier ones to end); the outcome is then recorded. An
    /// address that failed too often waits, with 429 and Retry-After; other addresses of the same user do not.
    /// </summary>
    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext context, IGrainFactory grains, TokenIssuer issuer, IOptions<AuthOptions> options, TimeProvider clock)
    {
        var errors = new FieldErrors().RequiredText("username", request.Username, 100).RequiredText("password", request.Password, 200);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var directory = grains.GetGrain<IUserDirectoryGrain>(0);
        var address = ClientAddress.Of(context);
        var policy = options.Value.SignInPolicy;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var attempt = await directory.BeginSignIn(request.Username!, address, policy);
        while (attempt is { Busy: true } && waited.Elapsed < BusyWait)
        {
            await Task.Delay(50, context.RequestAborted);
            attempt = await directory.BeginSignIn(request.Username!, address, policy);
        }

        if (attempt is { Allowed: false })
        {
            var seconds = attempt.RetryAfter is { } retry ? Math.Max(1, (int)Math.Ceiling((retry - clock.GetUtcNow()).TotalSeconds)) : 1;
            context.Response.Headers.RetryAfter = seconds.ToString();
            return TypedResults.Problem(statusCode: 429, title: "Too many failed sign-ins",
                detail: $"Too many failed sign-ins from this address; try again in {seconds} s.");
        }

        var verified = Hasher.VerifyHashedPassword(request.Username!, attempt?.PasswordHash ?? DummyHash, request.Password!) != PasswordVerificationResult.Failed;
        var user = attempt is null ? null : await directory.CompleteSignIn(request.Username!, address, attempt.Ticket, verified, policy);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "Unknown user, wrong password, or the account is disabled.");
        }

        return TypedResults.Ok(issuer.Issue(user));
    }

    public static Ok<MeView> Me(ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct().ToList();
        return TypedResults.Ok(new MeView(user.Identity?.Name ?? "", roles,
            Enum.GetValues<Permission>().Where(p => PermissionMatrix.Allows(roles, p)).ToList(), roles.Any(Roles.Clinical.Contains)));
    }

    public static async Task<Results<Created<UserView>, ValidationProblem>> CreateUser(CreateUserRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Check(request.Username is { } u && System.Text.RegularExpressions.Regex.IsMatch(u, "^[A-Za-z0-9._-]{2,64}$"),
            "username", "The username must be 2-64 letters, digits, '.', '_' or '-'.");
        Password(errors, request.Password);
        RoleList(errors, request.Roles);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var user = await grains.GetGrain<IUserDirectoryGrain>(0).Create(request.Username!, Hasher.HashPassword(request.Username!, request.Password!), request.Roles!);
        return TypedResults.Created($"/api/admin/users/{user.Username}", user);
    }

    public static async Task<Ok<IReadOnlyList<UserView>>> ListUsers(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IUserDirectoryGrain>(0).List());

    public static async Task<Results<Ok<UserView>, ValidationProblem>> SetRoles(string username, RolesRequest request, IGrainFactory grains, AccountStamps stamps)
    {
        var errors = new FieldErrors();
        RoleList(errors, request.Roles);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var user = await grains.GetGrain<IUserDirectoryGrain>(0).SetRoles(username, request.Roles!);
        await stamps.ReloadAsync();
        return TypedResults.Ok(user);
    }

    public static async Task<Results<Ok<UserView>, ValidationProblem>> SetPassword(string username, PasswordRequest request, IGrainFactory grains, AccountStamps stamps)
    {
        var errors = new FieldErrors();
        Password(errors, request.Password);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var user = await grains.GetGrain<IUserDirectoryGrain>(0).SetPassword(username, Hasher.HashPassword(username, request.Password!));
        await stamps.ReloadAsync();
        return TypedResults.Ok(user);
    }

    public static async Task<Ok<UserView>> SetDisabled(string username, bool disabled, IGrainFactory grains, AccountStamps stamps)
    {
        var user = await grains.GetGrain<IUserDirectoryGrain>(0).SetDisabled(username, disabled);
        // This process refuses the account's older tokens from the next request on; others within about a second.
        await stamps.ReloadAsync();
        return TypedResults.Ok(user);
    }

    public static async Task<NoContent> DeleteUser(string username, IGrainFactory grains, AccountStamps stamps)
    {
        await grains.GetGrain<IUserDirectoryGrain>(0).Delete(username);
        await stamps.ReloadAsync();
        return TypedResults.NoContent();
    }

    public static async Task<Created<ApiKeyResponse>> IssueApiKey(string username, IGrainFactory grains)
    {
        var key = "ohk_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var user = await grains.GetGrain<IUserDirectoryGrain>(0).AddApiKey(username, ApiKeyAuthentication.Hash(key));
        return TypedResults.Created($"/api/admin/users/{user.Username}", new ApiKeyResponse(user.Username, key));
    }

    private static void Password(FieldErrors errors, string? password)
    {
        if (errors.Required("password", password) && PasswordPolicy.Problem(password) is { } problem)
        {
            errors.Check(false, "password", problem);
        }
    }

    private static void RoleList(FieldErrors errors, IReadOnlyList<string>? roles)
    {
        if (errors.Required("roles", roles))
        {
            errors.Check(roles!.Count is > 0 and <= 9 && roles.All(r => Roles.All.Contains(r)), "roles",
                $"The roles must be one or more of: {string.Join(", ", Roles.All)}.");
        }
    }
}
