using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fontana.Core.X402;

/// <summary>Source-generated System.Text.Json metadata for the x402 types (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(PaymentRequired))]
[JsonSerializable(typeof(PaymentRequirements))]
[JsonSerializable(typeof(PaymentPayload))]
[JsonSerializable(typeof(SettlementResponse))]
[JsonSerializable(typeof(VerifyResponse))]
[JsonSerializable(typeof(FacilitatorRequest))]
[JsonSerializable(typeof(SupportedResponse))]
[JsonSerializable(typeof(FontanaChallenge))]
[JsonSerializable(typeof(FontanaExactPayload))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class X402JsonContext : JsonSerializerContext;
