using System.Text.Json.Nodes;
using Clova.Wire;

namespace Clova.Requests;

/// <summary>
/// A request body before it is written: the messages (chat dialects), the parameter values, and the caller's raw
/// fields from <c>ChatOptions.RawRepresentationFactory</c>, which replace the mapped ones when written.
/// </summary>
/// <param name="Dialect">The dialect spoken.</param>
/// <param name="Messages">The messages, or null for LK completions.</param>
/// <param name="Values">The parameter values.</param>
/// <param name="Overrides">Raw fields that win over mapped ones (not validated), or null.</param>
internal sealed record ClovaRequest(ClovaDialect Dialect, List<ClovaRequestMessage>? Messages, ClovaParameterValues Values, JsonObject? Overrides = null);
