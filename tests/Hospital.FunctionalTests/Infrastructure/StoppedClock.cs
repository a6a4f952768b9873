namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>A clock that stands still until the test moves it, so a limit counted per minute never meets a new minute by chance.</summary>
public sealed class StoppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
