namespace Fontana.AspNetCore.PaidCalls;

/// <summary>What the gate does with a verified payment, as <see cref="PaidCallCoordinator.BeginAsync"/> decided.</summary>
internal readonly record struct PaidCallDecision(PaidCallDecision.Action Kind, StoredResponse? Response, string? Reason, string? Detail, bool TakeOver)
{
    public enum Action
    {
        /// <summary>This request owns the call: settle, then run the handler.</summary>
        Execute,

        /// <summary>The call already ran for this request: answer with <see cref="Response"/>.</summary>
        Replay,

        /// <summary>Refuse the payment (402) with <see cref="Reason"/>.</summary>
        Refuse,

        /// <summary>The store is down: 503, nothing runs.</summary>
        Unavailable,
    }

    public static PaidCallDecision Execute(bool takeOver) => new(Action.Execute, null, null, null, takeOver);

    public static PaidCallDecision Replay(StoredResponse response) => new(Action.Replay, response, null, null, false);

    public static PaidCallDecision Refuse(string reason, string detail) => new(Action.Refuse, null, reason, detail, false);

    public static PaidCallDecision Unavailable(string detail) => new(Action.Unavailable, null, null, detail, false);
}
