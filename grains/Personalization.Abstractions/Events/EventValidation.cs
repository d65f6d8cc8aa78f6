namespace Personalization.Events;

/// <summary>The outcome of validating one event: exactly one of <see cref="Event"/> and <see cref="Rejection"/> is set.</summary>
public readonly record struct EventValidation(ShopperEvent? Event, EventRejection? Rejection, string? MessageId)
{
    public bool IsAccepted => Event is not null;
}
