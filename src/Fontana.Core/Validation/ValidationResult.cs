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

    public bool IsValid => Code.IsNone;

    /// <summary>The rejection code; <c>default</c> (<see cref="RejectionCode.IsNone"/>) when valid.</summary>
    public RejectionCode Code { get; }

    /// <summary>What exactly was wrong, for people (not stable; match on <see cref="Code"/>).</summary>
    public string? Detail { get; }

    public static ValidationResult Reject(RejectionCode code, string? detail = null)
    {
        if (code.IsNone)
        {
            throw new ArgumentException("a rejection needs a code", nameof(code));
        }

        return new ValidationResult(code, detail);
    }

    public bool Equals(ValidationResult other) => Code == other.Code && Detail == other.Detail;

    public override bool Equals(object? obj) => obj is ValidationResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Code, Detail);

    public static bool operator ==(ValidationResult left, ValidationResult right) => left.Equals(right);

    public static bool operator !=(ValidationResult left, ValidationResult right) => !left.Equals(right);

    public override string ToString() => IsValid ? "valid" : Detail is null ? Code.Value : $"{Code.Value}: {Detail}";
}
