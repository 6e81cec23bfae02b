namespace NuDM.App.Figures;

/// <summary>A point in pixel coordinates.</summary>
internal readonly record struct Pt(double X, double Y)
{
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y);
}

/// <summary>An axis-aligned rectangle in pixel coordinates.</summary>
internal readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public Box Inflate(double m) => new(Left - m, Top - m, Right + m, Bottom + m);

    public bool Contains(Pt p) => p.X >= Left && p.X <= Right && p.Y >= Top && p.Y <= Bottom;
}

/// <summary>Polyline and polygon clipping against a rectangle, so that no coordinate far outside the picture is written.</summary>
internal static class Geometry
{
    /// <summary>
    /// Splits a sequence of points at non-finite ones into runs, clips each run against <paramref name="box"/>
    /// (Liang–Barsky per segment) and returns the visible polylines, each with at least two points.
    /// </summary>
    public static List<List<Pt>> ClipPolyline(IEnumerable<Pt> points, Box box)
    {
        var result = new List<List<Pt>>();
        List<Pt>? current = null;
        Pt? prev = null;
        foreach (var p in points)
        {
            if (!p.IsFinite)
            {
                prev = null;
                current = null;
                continue;
            }
            if (prev is { } a)
            {
                if (ClipSegment(a, p, box, out var c0, out var c1))
                {
                    if (current is null || current[^1] != c0)
                    {
                        current = [c0];
                        result.Add(current);
                    }
                    if (current[^1] != c1) current.Add(c1);
                }
                else
                {
                    current = null;
                }
                // A segment that leaves the box ends the piece: the next visible segment starts a new one.
                if (!box.Contains(p)) current = null;
            }
            prev = p;
        }
        result.RemoveAll(r => r.Count < 2);
        return result;
    }

    /// <summary>Liang–Barsky: the part of segment a–b inside <paramref name="box"/>, if any.</summary>
    public static bool ClipSegment(Pt a, Pt b, Box box, out Pt c0, out Pt c1)
    {
        double t0 = 0, t1 = 1;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        c0 = a;
        c1 = b;
        if (!Clip(-dx, a.X - box.Left, ref t0, ref t1)) return false;
        if (!Clip(dx, box.Right - a.X, ref t0, ref t1)) return false;
        if (!Clip(-dy, a.Y - box.Top, ref t0, ref t1)) return false;
        if (!Clip(dy, box.Bottom - a.Y, ref t0, ref t1)) return false;
        c0 = t0 > 0 ? new Pt(a.X + t0 * dx, a.Y + t0 * dy) : a;
        c1 = t1 < 1 ? new Pt(a.X + t1 * dx, a.Y + t1 * dy) : b;
        return true;
    }

    private static bool Clip(double p, double q, ref double t0, ref double t1)
    {
        if (p == 0) return q >= 0;
        var r = q / p;
        if (p < 0)
        {
            if (r > t1) return false;
            if (r > t0) t0 = r;
        }
        else
        {
            if (r < t0) return false;
            if (r < t1) t1 = r;
        }
        return true;
    }

    /// <summary>
    /// Sutherland–Hodgman: the polygon clipped against <paramref name="box"/> (a convex clip region, so the result is
    /// correct for any simple polygon, possibly with zero-width edges along the box). All points must be finite.
    /// </summary>
    public static List<Pt> ClipPolygon(IReadOnlyList<Pt> polygon, Box box)
    {
        var output = polygon.ToList();
        output = ClipEdge(output, p => p.X >= box.Left, (p, q) => Cross(p, q, box.Left, true));
        output = ClipEdge(output, p => p.X <= box.Right, (p, q) => Cross(p, q, box.Right, true));
        output = ClipEdge(output, p => p.Y >= box.Top, (p, q) => Cross(p, q, box.Top, false));
        output = ClipEdge(output, p => p.Y <= box.Bottom, (p, q) => Cross(p, q, box.Bottom, false));
        return output;
    }

    private static List<Pt> ClipEdge(List<Pt> input, Func<Pt, bool> inside, Func<Pt, Pt, Pt> cross)
    {
        var output = new List<Pt>();
        if (input.Count == 0) return output;
        var s = input[^1];
        foreach (var e in input)
        {
            if (inside(e))
            {
                if (!inside(s)) output.Add(cross(s, e));
                output.Add(e);
            }
            else if (inside(s))
            {
                output.Add(cross(s, e));
            }
            s = e;
        }
        return output;
    }

    private static Pt Cross(Pt p, Pt q, double at, bool vertical)
    {
        if (vertical)
        {
            var t = (at - p.X) / (q.X - p.X);
            return new Pt(at, p.Y + t * (q.Y - p.Y));
        }
        else
        {
            var t = (at - p.Y) / (q.Y - p.Y);
            return new Pt(p.X + t * (q.X - p.X), at);
        }
    }
}
