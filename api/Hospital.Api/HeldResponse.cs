namespace Hospital.Api;

/// <summary>
/// A response whose body the rest of the pipeline wrote into memory, so that a middleware can decide what to do with
/// the answer (record it, audit it) before any byte of it leaves; <see cref="SendAsync"/> then lets it go.
/// </summary>
internal sealed class HeldResponse : IDisposable
{
    private readonly HttpContext _context;
    private readonly Stream _body;
    private readonly MemoryStream _held = new();

    private HeldResponse(HttpContext context)
    {
        _context = context;
        _body = context.Response.Body;
        context.Response.Body = _held;
    }

    /// <summary>Runs <paramref name="next"/> with the body held; the response's own body is back in place afterwards, also when it throws.</summary>
    public static async Task<HeldResponse> RunAsync(HttpContext context, RequestDelegate next)
    {
        var held = new HeldResponse(context);
        try
        {
            await next(context);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
        finally
        {
            context.Response.Body = held._body;
        }
    }

    public byte[] ToArray() => _held.ToArray();

    public async Task SendAsync()
    {
        _held.Position = 0;
        await _held.CopyToAsync(_body, _context.RequestAborted);
    }

    public void Dispose() => _held.Dispose();
}
