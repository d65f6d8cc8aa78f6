namespace Personalization.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that asynchronous delivery (streams) will make true, polling briefly.
/// Fails with the last observed value when the deadline passes, so a failure says what was seen.
/// </summary>
public static class Eventually
{
    public static async Task<T> Matches<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Condition not met before the deadline; last value: {Describe(value)}");
            await Task.Delay(20);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}
