using Hospital.Contracts.Common;

namespace Hospital.Api.Problems;

/// <summary>Puts the caller's name where every grain the request reaches can read it.</summary>
internal sealed class ActorContext(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var roles = context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value);
        Actor.Set(context.User.Identity?.Name is { Length: > 0 } name ? name : Actor.Anonymous, roles);
        return next(context);
    }
}
