namespace Clova.Tests.Infrastructure;

/// <summary>A delegating handler that adds nothing: it stands for the logging or telemetry handlers a caller chains.</summary>
internal sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
