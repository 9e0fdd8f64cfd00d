namespace Clova;

/// <summary>Which CLOVA Studio chat API a client speaks.</summary>
public enum ClovaApiVersion
{
    /// <summary>
    /// Follow the model: HCX-003 and HCX-DASH-001 use v1, every other model (including ones this library does not
    /// know yet) uses v3.
    /// </summary>
    Auto = 0,

    /// <summary><c>/v1/chat-completions</c>: the legacy API (HCX-003, HCX-DASH-001, tuned HCX-003 tasks).</summary>
    V1 = 1,

    /// <summary><c>/v3/chat-completions</c>: the current API (reasoning, tools, structured outputs, images).</summary>
    V3 = 3,
}
