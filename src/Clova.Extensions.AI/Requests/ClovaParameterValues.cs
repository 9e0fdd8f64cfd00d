namespace Clova.Requests;

/// <summary>The values of one request, one slot per row of <see cref="ClovaParameters"/>, with where each came from.</summary>
internal sealed class ClovaParameterValues
{
    private readonly object?[] _values = new object?[ClovaParameters.All.Length];
    private readonly ClovaValueSource[] _sources = new ClovaValueSource[ClovaParameters.All.Length];

    public bool Has(ClovaParameter row) => _values[row.Index] is not null;

    public object? this[ClovaParameter row] => _values[row.Index];

    public ClovaValueSource SourceOf(ClovaParameter row) => _sources[row.Index];

    public void Set(ClovaParameter row, object value, ClovaValueSource source)
    {
        _values[row.Index] = value;
        _sources[row.Index] = source;
    }

    public long? Integer(ClovaParameter row) => _values[row.Index] as long?;

    public string? Text(ClovaParameter row) => _values[row.Index] as string;

    public List<string>? TextList(ClovaParameter row) => _values[row.Index] as List<string>;
}
