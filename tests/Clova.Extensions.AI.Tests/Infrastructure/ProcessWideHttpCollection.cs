namespace Clova.Tests.Infrastructure;

/// <summary>Tests that change process-wide HTTP settings (<c>HttpClient.DefaultProxy</c>) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideHttpCollection
{
    public const string Name = "Process-wide HTTP settings";
}
