namespace Hospital.Grains.Common;

public static class Reminders
{
    /// <summary>
    /// Registers the grain's periodic reminder <paramref name="name"/> when <paramref name="wanted"/>, else removes it.
    /// Reminders live outside the grain's transaction: registering twice is harmless, and a grain whose commit failed
    /// compares again on its next change.
    /// </summary>
    public static async Task Keep(IGrainBase grain, string name, bool wanted, TimeSpan period)
    {
        if (wanted)
        {
            await grain.RegisterOrUpdateReminder(name, period, period);
        }
        else if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
