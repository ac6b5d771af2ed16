namespace Fontana.Sdk.Tests.Integration;

/// <summary>Integration tests run one at a time: each hosts a node, a provider and hundreds of calls on 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "integration";
}
