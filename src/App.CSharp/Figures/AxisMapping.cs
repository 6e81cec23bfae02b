namespace NuDM.App.Figures;

/// <summary>
/// Maps data values on one axis to pixel positions: <see cref="Min"/> to <see cref="PixelAtMin"/> and
/// <see cref="Max"/> to <see cref="PixelAtMax"/> exactly, linearly in the value or in its log10 in between.
/// </summary>
internal sealed class AxisMapping
{
    private readonly double _t0;
    private readonly double _t1;

    public AxisMapping(ScaleKind scale, double min, double max, double pixelAtMin, double pixelAtMax)
    {
        if (!(double.IsFinite(min) && double.IsFinite(max) && min < max))
            throw new ArgumentException($"axis limits must be finite with min < max; got [{min}, {max}].", nameof(min));
        if (scale == ScaleKind.Log10 && min <= 0)
            throw new ArgumentException($"log axis limits must be positive; got [{min}, {max}].", nameof(min));
        Scale = scale;
        Min = min;
        Max = max;
        PixelAtMin = pixelAtMin;
        PixelAtMax = pixelAtMax;
        _t0 = Transform(min);
        _t1 = Transform(max);
    }

    public ScaleKind Scale { get; }

    public double Min { get; }

    public double Max { get; }

    public double PixelAtMin { get; }

    public double PixelAtMax { get; }

    /// <summary>The value in the axis' linear coordinate: itself, or its log10 (NaN when not positive).</summary>
    public double Transform(double v) => Scale == ScaleKind.Log10 ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    /// <summary>True when <paramref name="v"/> can be placed on this axis (finite, and positive on a log axis).</summary>
    public bool IsValid(double v) => double.IsFinite(v) && (Scale == ScaleKind.Linear || v > 0);

    /// <summary>The pixel position of <paramref name="v"/>, or NaN when it cannot be placed (or maps beyond double range).</summary>
    public double Map(double v)
    {
        if (!IsValid(v)) return double.NaN;
        if (v == Min) return PixelAtMin;
        if (v == Max) return PixelAtMax;
        // Values absurdly far outside the limits are pulled in to a million axis lengths away: still far outside the
        // picture (clipping keeps the visible direction of a line to within a millionth), but never overflowing.
        var f = Math.Clamp((Transform(v) - _t0) / (_t1 - _t0), -1e6, 1e6);
        var p = PixelAtMin * (1 - f) + PixelAtMax * f;
        return double.IsFinite(p) ? p : double.NaN;
    }

    /// <summary>True when <paramref name="v"/> lies within the limits, allowing a relative tolerance of the span.</summary>
    public bool Contains(double v, double tolerance = 1e-9)
    {
        var t = Transform(v);
        var eps = tolerance * (_t1 - _t0);
        return t >= _t0 - eps && t <= _t1 + eps;
    }
}
