using System.Security.Cryptography;
using System.Text;

namespace Hospital.Contracts.Common;

/// <summary>
/// The client operation a grain call serves. The api sets it from a request's <c>Idempotency-Key</c> (scoped to caller
/// and route), and Orleans' request context carries it through every grain call the request makes. Workflows derive
/// their ids from it, so a retried request (after a crash, a failover or a lost answer) finds the workflow its first
/// attempt started instead of starting a second one.
/// </summary>
public static class Operation
{
    public const string ContextKey = "hospital.operation";

    public static string? Current => RequestContext.Get(ContextKey) as string;

    /// <summary>
    /// An id for what <paramref name="purpose"/> names within the current operation: the same on every retry of it, and
    /// new when the request carries no idempotency key.
    /// </summary>
    public static string NewId(string prefix, string purpose) => Current is { } operation
        ? prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(operation + "\n" + purpose)))[..16]
        : prefix + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
}
