using Hospital.Contracts.Admissions;
using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Billing;

/// <summary>A chargeable event, committed by its source with the event and applied once by the account (by source).</summary>
[GenerateSerializer, Alias("hospital.charge-captured-message")]
public sealed record ChargeCapturedMessage([property: Id(0)] string EncounterId, [property: Id(1)] ChargeCapture Capture) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IAccountGrain>(EncounterId).Capture(Capture);
}

/// <summary>An event undone (a dose corrected to Held): its charge gets a credit line once.</summary>
[GenerateSerializer, Alias("hospital.charge-reversed-message")]
public sealed record ChargeReversedMessage(
    [property: Id(0)] string EncounterId,
    [property: Id(1)] string Source,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset At) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IAccountGrain>(EncounterId).Reverse(Source, Reason, At);
}

/// <summary>The admission changed (admitted, moved, discharged, cancelled...): the account follows its newest version.</summary>
[GenerateSerializer, Alias("hospital.account-stay-message")]
public sealed record AccountStayMessage([property: Id(0)] Encounter Encounter) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IAccountGrain>(Encounter.EncounterId).StayChanged(Encounter);
}

/// <summary>A payment from elsewhere (an insurer's remittance): recorded once by its payment id.</summary>
[GenerateSerializer, Alias("hospital.account-payment-message")]
public sealed record AccountPaymentMessage([property: Id(0)] string EncounterId, [property: Id(1)] PaymentCommand Payment) : OutboxMessage
{
    public override async Task DeliverAsync(IGrainFactory grains) => await grains.GetGrain<IAccountGrain>(EncounterId).PostPayment(Payment);
}
