namespace Clova.Chat;

/// <summary>What a chat client talks to: a model or a tuned task, over v1, v3 or whichever the model uses.</summary>
/// <param name="Id">The model id or task id.</param>
/// <param name="IsTask">Whether <paramref name="Id"/> is a tuned task id.</param>
/// <param name="Version">The API, or <see cref="ClovaApiVersion.Auto"/> to follow the model.</param>
/// <param name="IsRagReasoning">Whether this is the RAG reasoning tool rather than a chat model.</param>
internal sealed record ChatTarget(string Id, bool IsTask, ClovaApiVersion Version, bool IsRagReasoning = false);
