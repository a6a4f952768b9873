using Hospital.Hosting.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Problems;

/// <summary>
/// Enforces <c>Hospital:Api:MaxRequestBodyBytes</c>: a declared length over the limit is refused before reading, and
/// the server's own limit stops a chunked body that grows past it (the exception handler turns that into 413).
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<HospitalOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.Api.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return Results.Problem(statusCode: 413, title: "Request body too large",
                detail: $"The request body exceeds the limit of {limit} bytes (Hospital:Api:MaxRequestBodyBytes).").ExecuteAsync(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
