using Clova.Internal;

namespace Clova.Requests;

/// <summary>What a typed option's mapping may depend on: the model's capabilities and the dialect spoken.</summary>
/// <param name="Model">The catalogue entry of the model or task.</param>
/// <param name="Dialect">The request dialect.</param>
internal readonly record struct ClovaRequestContext(ClovaModelInfo Model, ClovaDialect Dialect);
