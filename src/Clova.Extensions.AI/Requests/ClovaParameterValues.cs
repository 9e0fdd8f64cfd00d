namespace Clova.Requests;

/// <summary>The values of one request, one slot per row of <see cref="ClovaParameters"/>, with where each came from.</summary>
internal sealed class ClovaParameterValues
{
    private readonly Slot[] _slots = new Slot[ClovaParameters.All.Length];

    public bool Has(ClovaParameter row) => _slots[row.Index].Value is not null;

    public object? this[ClovaParameter row] => _slots[row.Index].Value;

    public ClovaValueSource SourceOf(ClovaParameter row) => _slots[row.Index].Source;

    public void Set(ClovaParameter row, object value, ClovaValueSource source) => _slots[row.Index] = new Slot(value, source);

    public long? Integer(ClovaParameter row) => _slots[row.Index].Value as long?;

    public string? Text(ClovaParameter row) => _slots[row.Index].Value as string;

    public List<string>? TextList(ClovaParameter row) => _slots[row.Index].Value as List<string>;

    private readonly record struct Slot(object? Value, ClovaValueSource Source);
}
