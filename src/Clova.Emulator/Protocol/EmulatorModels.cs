namespace Clova.Emulator.Protocol;

/// <summary>
/// The one table of the models the emulator serves, with the capabilities the spec's model table gives them.
/// Every endpoint looks its model up here: an id missing from this table is 40080 everywhere. The remarks of
/// <see cref="ClovaEmulator"/> list these models for users: keep them in step.
/// </summary>
internal static class EmulatorModels
{
    private static readonly EmulatorModel Hcx003 = new("HCX-003") { OnV3 = true, OnV1 = true, MaxOutput = 4096, Context = 8192 };

    private static readonly Dictionary<string, EmulatorModel> ByName = new EmulatorModel[]
    {
        new("HCX-007") { OnV3 = true, Thinking = true, FunctionCalling = true, StructuredOutputs = true, MaxOutput = 32768, Context = 128000 },
        new("HCX-005") { OnV3 = true, FunctionCalling = true, Images = true, MaxOutput = 4096, Context = 128000 },
        new("HCX-DASH-002") { OnV3 = true, FunctionCalling = true, MaxOutput = 4096, Context = 32000 },
        Hcx003,
        new("HCX-DASH-001") { OnV1 = true, MaxOutput = 4096, Context = 4096 },
        new("LK-D2") { OnCompletions = true, MaxOutput = 2048, Context = 2048 },
        new("LK-B") { OnCompletions = true, MaxOutput = 2048, Context = 2048 },
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Finds a model by its exact (case-sensitive) id or answers 40080, as CLOVA does for an unknown model.</summary>
    /// <param name="name">The id from the path.</param>
    /// <returns>The model.</returns>
    public static EmulatorModel Get(string name) =>
        ByName.GetValueOrDefault(name) ?? throw new ClovaApiError("40080", $"Model not found: {name}");

    /// <summary>A tuned task: an HCX-003 derivative under the task's id, served by v1 and v3, plain chat only.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>The task as a model.</returns>
    public static EmulatorModel Task(string taskId) => Hcx003 with { Name = taskId };
}
