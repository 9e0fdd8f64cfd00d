namespace Clova.Wire;

/// <summary>One router check: <c>{"result": …, "called": bool}</c>.</summary>
/// <typeparam name="T">A string (domain) or a list of strings (blocked content, safety).</typeparam>
internal sealed class ClovaRouterVerdict<T>
{
    public T? Result { get; set; }

    public bool? Called { get; set; }
}
