namespace Fontana.Core.X402;

/// <summary>
/// Where a field sits in an x402 object, for error messages (<c>accepts[0].extra</c>). Built only when a check fails:
/// validating a valid header allocates no path strings (it used to concatenate one per field on every paid call).
/// </summary>
internal sealed class X402Path
{
    /// <summary>The root object: its fields are named bare (<c>x402Version</c>).</summary>
    public static readonly X402Path Root = new(null, string.Empty, -1);

    private readonly X402Path? _parent;
    private readonly string _name;
    private readonly int _index;

    private X402Path(X402Path? parent, string name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>A root whose fields are prefixed by <paramref name="prefix"/> (empty, or ending in '.').</summary>
    public static X402Path FromPrefix(string prefix) => prefix.Length == 0 ? Root : new X402Path(null, prefix, -2);

    /// <summary>A root object that sits in field <paramref name="name"/> of something else (<c>extra</c>, <c>payload</c>).</summary>
    public static X402Path Named(string name) => new(Root, name, -1);

    /// <summary>The object in field <paramref name="name"/> of this one.</summary>
    public X402Path Child(string name) => new(this, name, -1);

    /// <summary>The object at <paramref name="index"/> of the array in field <paramref name="name"/>.</summary>
    public X402Path Item(string name, int index) => new(this, name, index);

    /// <summary>The full name of this object's field <paramref name="name"/>, e.g. <c>accepted.payTo</c>.</summary>
    public string Field(string name) => Prefix + name;

    /// <summary>The prefix of this object's field names: empty at the root, else ending in '.'.</summary>
    public string Prefix => _index switch
    {
        -2 => _name,
        _ when _parent is null => string.Empty,
        -1 => _parent.Prefix + _name + ".",
        _ => $"{_parent.Prefix}{_name}[{_index}].",
    };

    /// <summary>The object's own name without the trailing '.', e.g. <c>accepted</c> (empty at the root).</summary>
    public string Name => Prefix.TrimEnd('.');

    /// <inheritdoc/>
    public override string ToString() => Prefix;
}
