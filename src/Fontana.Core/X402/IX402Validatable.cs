namespace Fontana.Core.X402;

/// <summary>Semantic checks run after JSON deserialization and before encoding; throw <see cref="X402FormatException"/>.</summary>
internal interface IX402Validatable
{
    /// <summary>Validates this object; <paramref name="path"/> is the prefix of its field names in error messages
    /// (empty at the root, else ending in '.', e.g. <c>accepts[0].</c>).</summary>
    void Validate(X402Path path);
}
