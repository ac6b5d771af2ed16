namespace Fontana.Node.Metrics;

/// <summary>A growable char buffer over a per-thread array: builds label-set keys without allocating.</summary>
internal ref struct CharBuffer
{
    [ThreadStatic]
    private static char[]? t_array;

    private char[] _array;
    private int _length;

    private CharBuffer(char[] array)
    {
        _array = array;
        _length = 0;
    }

    public readonly ReadOnlySpan<char> Span => _array.AsSpan(0, _length);

    /// <summary>The calling thread's buffer, emptied. Not re-entrant: one key at a time per thread.</summary>
    public static CharBuffer ForCurrentThread() => new(t_array ??= new char[256]);

    public void Append(char c)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }

        _array[_length++] = c;
    }

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _array.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_array.AsSpan(_length));
        _length += text.Length;
    }

    private void Grow(int needed)
    {
        var bigger = new char[Math.Max(_array.Length * 2, _length + needed)];
        _array.AsSpan(0, _length).CopyTo(bigger);
        _array = bigger;
        t_array = bigger;
    }
}
