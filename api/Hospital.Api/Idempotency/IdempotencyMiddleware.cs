using System.Security.Cryptography;
using System.Text;
using Hospital.Contracts.Common;
using Hospital.Contracts.Idempotency;

namespace Hospital.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST: the first request under a key (per caller and route) runs and its answer is kept for
/// 24 hours; a retry with the same body gets that answer again without running, a retry with another body 422, and a
/// retry that arrives while the first still runs waits for it. The key's grain serializes all of this cluster-wide.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 200;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await Results.Problem(statusCode: 400, title: "Invalid Idempotency-Key",
                detail: $"The Idempotency-Key header must be 1 to {MaxKeyLength} characters.").ExecuteAsync(context);
            return;
        }

        var requestHash = await HashBodyAsync(context.Request);
        var scope = ScopeOf(context, key);
        var grain = grains.GetGrain<IIdempotencyGrain>(scope);
        // Every grain call this request makes carries the operation: workflows derive their ids from it, so a retry that
        // runs again (its first answer was never recorded: a crash, a failover) finds what the first attempt did.
        RequestContext.Set(Operation.ContextKey, scope);
        var started = DateTime.UtcNow;
        while (true)
        {
            var decision = await grain.Begin(requestHash);
            switch (decision.Outcome)
            {
                case IdempotencyOutcome.Proceed:
                    await RunAndRecordAsync(context, grain, requestHash);
                    return;
                case IdempotencyOutcome.Replay:
                    await ReplayAsync(context, decision.Response!);
                    return;
                case IdempotencyOutcome.Mismatch:
                    await Results.Problem(statusCode: 422, title: "Idempotency-Key reused",
                        detail: "This Idempotency-Key was already used with a different request body.").ExecuteAsync(context);
                    return;
                case IdempotencyOutcome.InProgress when DateTime.UtcNow - started < MaxWait:
                    await Task.Delay(25, context.RequestAborted);
                    break;
                default:
                    await Results.Problem(statusCode: 409, title: "Request in progress",
                        detail: "A request with this Idempotency-Key is still being processed; retry later.").ExecuteAsync(context);
                    return;
            }
        }
    }

    private async Task RunAndRecordAsync(HttpContext context, IIdempotencyGrain grain, string requestHash)
    {
        HeldResponse answer;
        try
        {
            answer = await HeldResponse.RunAsync(context, next);
        }
        catch
        {
            await grain.Abandon(requestHash);
            throw;
        }

        using var held = answer;
        var status = context.Response.StatusCode;
        // Server faults and throttling are not answers worth replaying; the client should be able to retry them.
        if (status >= 500 || status == 429)
        {
            await grain.Abandon(requestHash);
        }
        else
        {
            try
            {
                await grain.Complete(requestHash, new StoredResponse(status, context.Response.ContentType,
                    context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null, held.ToArray()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The effects have committed; the answer stands. A retry runs again and finds them (the workflows are
                // keyed by the operation), so it gets the same answer.
                logger.LogWarning(e, "The answer to an idempotent request could not be recorded");
            }
        }

        await held.SendAsync();
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        if (response.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private static async Task<string> HashBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        var hash = await SHA256.HashDataAsync(request.Body, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return Convert.ToHexString(hash);
    }

    /// <summary>The key is only unique per caller and route, so two clients choosing the same key never collide.</summary>
    private static string ScopeOf(HttpContext context, string key)
    {
        var caller = context.User.Identity?.Name ?? Actor.Anonymous;
        var scope = $"{caller}\n{context.Request.Method}\n{context.Request.Path}\n{key}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)));
    }
}
