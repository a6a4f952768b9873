using System.Collections.Concurrent;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// A grain call filter that makes chosen calls fail, to stand in for a crash between a sender's commit and the
/// receiver's answer: <see cref="FailBefore"/> fails the call before the receiver runs (the message is not applied),
/// <see cref="FailAfter"/> after it has run (applied, but the sender never hears so). It counts every call by method.
/// </summary>
public sealed class FaultyCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, int> _failBefore = new();
    private readonly ConcurrentDictionary<string, int> _failAfter = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>The next <paramref name="times"/> calls of <c>Interface.Method</c> fail without running.</summary>
    public void FailBefore(string method, int times = 1) => _failBefore[method] = times;

    /// <summary>The next <paramref name="times"/> calls of <c>Interface.Method</c> run, then fail.</summary>
    public void FailAfter(string method, int times = 1) => _failAfter[method] = times;

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.InterfaceMethod?.Name}";
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (Take(_failBefore, method))
        {
            throw new InvalidOperationException($"{method} failed before running (test fault)");
        }

        await context.Invoke();
        if (Take(_failAfter, method))
        {
            throw new InvalidOperationException($"{method} failed after running (test fault)");
        }
    }

    private static bool Take(ConcurrentDictionary<string, int> faults, string method)
    {
        while (faults.TryGetValue(method, out var left) && left > 0)
        {
            if (faults.TryUpdate(method, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Waits up to <paramref name="seconds"/> for <paramref name="condition"/>; false if it never held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int seconds = 25)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }
}
