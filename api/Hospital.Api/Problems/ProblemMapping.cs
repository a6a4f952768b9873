using System.Text.Json;
using Hospital.Contracts.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Networking.Shared;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Hospital.Api.Problems;

/// <summary>
/// Turns every exception that reaches the pipeline into RFC 9457 problem details: grain rule violations keep their
/// status, unreadable input becomes a 400 naming the field, oversize bodies 413, an unavailable cluster or database
/// 503 with <c>Retry-After</c>; only real faults are 500.
/// </summary>
internal sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == 503)
        {
            // Nothing is wrong with the request: the cluster or the database is (re)starting, failing over or full.
            AnsweredUnavailable(logger, context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        HospitalException e => FromHospital(e),
        BadHttpRequestException { StatusCode: 413 } => new ProblemDetails
        {
            Status = 413, Title = "Request body too large", Detail = "The request body exceeds the configured limit (Hospital:Api:MaxRequestBodyBytes).",
        },
        BadHttpRequestException { InnerException: JsonException json } => Unreadable(json),
        BadHttpRequestException e when UnboundParameter().Match(e.Message) is { Success: true } m => new ValidationProblemDetails(
            new Dictionary<string, string[]> { [m.Groups[1].Value] = [$"The value '{m.Groups[2].Value}' is not valid for {m.Groups[1].Value}."] })
        {
            Status = 400, Title = "Invalid request", Detail = $"The {m.Groups[1].Value} parameter could not be read.",
        },
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "Bad request", Detail = e.Message },
        JsonException json => Unreadable(json),
        InconsistentStateException => new ProblemDetails
        {
            Status = 409, Title = "Concurrent change", Detail = "Another change to the same record won; re-read it and try again.",
        },
        _ => Causes(exception).Select(Unavailable).FirstOrDefault(p => p is not null)
            ?? new ProblemDetails { Status = 500, Title = "Internal error", Detail = "An unexpected error occurred." },
    };

    /// <summary>
    /// The database or the cluster could not serve the request now (a silo down, no gateway, a full pool, a restart):
    /// 503 with <c>Retry-After</c>, whether the error is thrown as is or wrapped (Orleans wraps a grain storage failure).
    /// </summary>
    private static ProblemDetails? Unavailable(Exception exception) => exception switch
    {
        StorageUnavailableException or System.Data.Common.DbException => new ProblemDetails
        {
            Status = 503, Title = "Storage unavailable", Detail = "The database did not complete the operation; try again.",
        },
        TimeoutException => new ProblemDetails { Status = 503, Title = "Service busy", Detail = "The operation timed out; try again." },
        OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or SocketConnectionException
            or ClientNotAvailableException or OrleansClusterConnectivityCheckFailedException => new ProblemDetails
        {
            Status = 503, Title = "Cluster unavailable", Detail = "The hospital's cluster could not take the request; try again.",
        },
        _ => null,
    };

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private const string RetryAfterSeconds = "5";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Error}: {Detail}")]
    private static partial void AnsweredUnavailable(ILogger logger, string method, string path, string error, string detail);

    private static ProblemDetails FromHospital(HospitalException e)
    {
        if (e.Kind == HospitalErrorKind.Invalid)
        {
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [e.Field ?? "request"] = [e.Message] })
            {
                Status = 400, Title = e.Title, Detail = e.Message,
            };
        }

        var problem = new ProblemDetails
        {
            Status = e.Kind switch { HospitalErrorKind.NotFound => 404, HospitalErrorKind.Forbidden => 403, _ => 409 }, Title = e.Title, Detail = e.Message,
        };
        if (e.Allowed is { } allowed)
        {
            problem.Extensions["allowed"] = allowed;
        }

        return problem;
    }

    /// <summary>A body that is not JSON, or a value of the wrong type, format or enum: 400 naming the field.</summary>
    private static ValidationProblemDetails Unreadable(JsonException json)
    {
        // A syntax error makes the whole body unreadable; a conversion error is one field's fault.
        var syntax = json.InnerException?.GetType().Name == "JsonReaderException";
        var field = syntax ? "body" : JsonPathToField(json.Path);
        var message = field == "body"
            ? "The request body is not valid JSON."
            : $"The value of {field} could not be read: it has the wrong type or format, or is not one of the allowed values.";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400, Title = "Invalid request", Detail = message,
        };
    }

    /// <summary>Route and query values that do not parse: 'Failed to bind parameter "DateTimeOffset? from" from "x".'</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""Failed to bind parameter "(?:[^"]*\s)?(\w+)" from "(.*)"\.""")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    /// <summary>"$.name.given" -> "name.given"; "$" or nothing -> "body".</summary>
    private static string JsonPathToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
