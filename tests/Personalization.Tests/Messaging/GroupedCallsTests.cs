using System.Collections.Concurrent;
using Personalization.Messaging;

namespace Personalization.Tests.Messaging;

public sealed class GroupedCallsTests
{
    [Fact]
    public async Task An_idle_sender_sends_at_once_one_call_per_key()
    {
        var calls = new ConcurrentQueue<(string Key, IReadOnlyList<int> Items)>();
        var sender = new GroupedCalls<string, int>((key, items) =>
        {
            calls.Enqueue((key, items));
            return Task.CompletedTask;
        });

        await sender.SendAsync([("a", 1), ("b", 2), ("a", 3)]);

        Assert.Equal([("a", "1,3"), ("b", "2")], calls.Select(c => (c.Key, string.Join(',', c.Items))).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Items_sent_while_every_round_is_in_flight_are_merged_into_the_next_round()
    {
        var release = new TaskCompletionSource();
        var calls = new ConcurrentQueue<(string Key, IReadOnlyList<int> Items)>();
        var sender = new GroupedCalls<string, int>(async (key, items) =>
        {
            calls.Enqueue((key, items));
            await release.Task;
        }, maxInFlight: 1);

        var first = sender.SendAsync([("p", 1)]);
        await Eventually(() => calls.Count == 1);
        var second = sender.SendAsync([("p", 2)]);
        var third = sender.SendAsync([("p", 3), ("q", 4)]);
        Assert.False(first.IsCompleted);
        Assert.Same(second, third);

        release.SetResult();
        await Task.WhenAll(first, second, third);

        Assert.Equal(["p:1", "p:2,3", "q:4"], calls.Select(c => $"{c.Key}:{string.Join(',', c.Items)}").Order());
    }

    [Fact]
    public async Task A_failed_send_fails_the_callers_of_its_round_and_the_sender_goes_on()
    {
        var fail = true;
        var sender = new GroupedCalls<string, int>((key, _) => fail ? Task.FromException(new InvalidOperationException("grain unavailable")) : Task.CompletedTask);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync([("p", 1)]));
        Assert.Equal("grain unavailable", error.Message);

        fail = false;
        await sender.SendAsync([("p", 2)]);
    }

    [Fact]
    public async Task Nothing_to_send_completes_at_once()
    {
        var sender = new GroupedCalls<string, int>((_, _) => throw new InvalidOperationException("not called"));

        await sender.SendAsync([]);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met");
            await Task.Delay(5);
        }
    }
}
