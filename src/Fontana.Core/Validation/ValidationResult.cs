namespace Fontana.Core.Validation;

/// <summary>The outcome of validating a transaction: valid, or a <see cref="RejectionCode"/> with a human-readable detail.</summary>
public readonly struct ValidationResult : IEquatable<ValidationResult>
{
    /// <summary>The valid result.</summary>
    public static readonly ValidationResult Valid;

    private ValidationResult(RejectionCode code, string? detail)
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>True when the transaction passed every rule (<see cref="Code"/> is none).</summary>
    public bool IsValid => Code.IsNone;

    /// <summary>The rejection code; <c>default</c> (<see cref="RejectionCode.IsNone"/>) when valid.</summary>
    public RejectionCode Code { get; }

    /// <summary>What exactly was wrong, for people (not stable; match on <see cref="Code"/>).</summary>
    public string? Detail { get; }

    /// <summary>A rejection with <paramref name="code"/> and an optional human-readable detail; throws <see cref="ArgumentException"/> for the "none" code.</summary>
    public static ValidationResult Reject(RejectionCode code, string? detail = null)
    {
        if (code.IsNone)
        {
            throw new ArgumentException("a rejection needs a code", nameof(code));
        }

        return new ValidationResult(code, detail);
    }

    /// <inheritdoc/>
    public bool Equals(ValidationResult other) => Code == other.Code && Detail == other.Detail;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValidationResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, Detail);

    /// <summary>True when both have the same code and detail.</summary>
    public static bool operator ==(ValidationResult left, ValidationResult right) => left.Equals(right);

    /// <summary>True unless both have the same code and detail.</summary>
    public static bool operator !=(ValidationResult left, ValidationResult right) => !left.Equals(right);

    /// <c>valid</c>, or the code and detail, e.g. <c>fee-too-low: fee 0 utia is below 1 utia</c>.
    public override string ToString() => IsValid ? "valid" : Detail is null ? Code.Value : $"{Code.Value}: {Detail}";
}
