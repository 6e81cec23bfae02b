using System.Globalization;
using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// A detection-efficiency table ε(E_R) from data/detection/*.csv: true nuclear-recoil energy (keVnr) against one or
/// more efficiency columns (total and per analysis bin). Values are linearly interpolated in E_R; outside the
/// tabulated range the efficiency is 0 (the experiment claims nothing there); small negative entries (digitisation
/// noise) are read as 0.
/// </summary>
public sealed class EfficiencyTable
{
    private readonly double[] _energies;
    private readonly double[][] _columns;

    /// <summary>The file under data/detection the table was read from.</summary>
    public string File { get; }
    /// <summary>The column names, in the order of <see cref="Evaluate"/>'s index.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Smallest and largest tabulated E_R (keVnr).</summary>
    public double MinKeV => _energies[0];
    public double MaxKeV => _energies[^1];

    private EfficiencyTable(string file, double[] energies, string[] names, double[][] columns)
    {
        File = file;
        _energies = energies;
        Columns = names;
        _columns = columns;
    }

    /// <summary>Reads <paramref name="file"/> (under data/detection) with the energy column E_R_keVnr and the named
    /// efficiency columns.</summary>
    public static EfficiencyTable Read(string file, IReadOnlyList<string> columns)
    {
        var rows = DataFiles.ReadCsv("detection", file);
        if (rows.IsEmpty) throw new FormatException($"{file}: no rows");
        double Num(Microsoft.FSharp.Collections.FSharpMap<string, string> r, string c) =>
            r.TryFind(c) is { } v && double.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                ? x
                : throw new FormatException($"{file}: column {c} is missing or not a number");
        var list = rows.ToList();
        var e = list.Select(r => Num(r, "E_R_keVnr")).ToArray();
        for (int i = 1; i < e.Length; i++)
            if (!(e[i] > e[i - 1])) throw new FormatException($"{file}: E_R_keVnr must increase (row {i + 1})");
        var cols = columns.Select(c => list.Select(r => Math.Max(0.0, Num(r, c))).ToArray()).ToArray();
        return new EfficiencyTable(file, e, columns.ToArray(), cols);
    }

    /// <summary>A table from arrays (e.g. a flat efficiency for tests); energies in keVnr, strictly increasing.</summary>
    public static EfficiencyTable FromArrays(string name, double[] energiesKeV, IReadOnlyList<string> columns, double[][] values)
    {
        if (energiesKeV.Length < 2) throw new FormatException($"{name}: at least two energies are needed");
        for (int i = 1; i < energiesKeV.Length; i++)
            if (!(energiesKeV[i] > energiesKeV[i - 1])) throw new FormatException($"{name}: energies must increase");
        if (values.Length != columns.Count || values.Any(v => v.Length != energiesKeV.Length))
            throw new FormatException($"{name}: one value per energy is needed in each of the {columns.Count} columns");
        return new EfficiencyTable(name, (double[])energiesKeV.Clone(), columns.ToArray(), values.Select(v => v.Select(x => Math.Max(0.0, x)).ToArray()).ToArray());
    }

    /// <summary>ε of column <paramref name="column"/> at recoil energy <paramref name="keV"/> (keVnr); 0 outside the table.</summary>
    public double Evaluate(int column, double keV)
    {
        if (!(keV >= _energies[0])) return 0.0; // below the table, or NaN
        return NuDM.App.Experiments.Interpolation.Linear(_energies, _columns[column], keV, clamp: false);
    }
}
