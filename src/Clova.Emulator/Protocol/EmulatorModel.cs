namespace Clova.Emulator.Protocol;

/// <summary>A model as the emulator serves it.</summary>
/// <param name="Name">The model id.</param>
/// <param name="OnV3">Whether <c>/v3/chat-completions</c> serves it.</param>
/// <param name="OnV1">Whether <c>/v1/chat-completions</c> serves it.</param>
/// <param name="Thinking">Whether it reasons (HCX-007).</param>
/// <param name="MaxOutput">Largest accepted output limit.</param>
/// <param name="Context">Input plus output tokens.</param>
internal sealed record EmulatorModel(string Name, bool OnV3, bool OnV1, bool Thinking, int MaxOutput, int Context)
{
    private static readonly Dictionary<string, EmulatorModel> Models = new(StringComparer.Ordinal)
    {
        ["HCX-007"] = new("HCX-007", true, false, true, 32768, 128000),
        ["HCX-005"] = new("HCX-005", true, false, false, 4096, 128000),
        ["HCX-DASH-002"] = new("HCX-DASH-002", true, false, false, 4096, 32000),
        ["HCX-003"] = new("HCX-003", true, true, false, 4096, 8192),
        ["HCX-DASH-001"] = new("HCX-DASH-001", false, true, false, 4096, 4096),
        ["LK-D2"] = new("LK-D2", false, false, false, 2048, 2048),
        ["LK-B"] = new("LK-B", false, false, false, 2048, 2048),
    };

    /// <summary>Finds a model by its exact (case-sensitive) id.</summary>
    /// <param name="name">The id from the path.</param>
    /// <returns>The model, or null when CLOVA has no such model (40080).</returns>
    public static EmulatorModel? Find(string name) => Models.GetValueOrDefault(name);

    /// <summary>Finds a model or answers 40080, as CLOVA does for an unknown model.</summary>
    /// <param name="name">The id from the path.</param>
    /// <returns>The model.</returns>
    public static EmulatorModel Get(string name) => Find(name) ?? throw new ClovaApiError("40080", $"Model not found: {name}");

    /// <summary>A tuned task: an HCX-003 derivative served by v1 and v3, plain chat only.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>The task as a model.</returns>
    public static EmulatorModel Task(string taskId) => new(taskId, true, true, false, 4096, 8192);
}
