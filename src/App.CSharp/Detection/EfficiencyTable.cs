using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// A detection-efficiency table ε(E_R) from data/detection/*.csv: true nuclear-recoil energy (keVnr) against one or
/// more efficiency columns (total and per analysis bin), read through <see cref="DataFiles.Table"/> (schema in
/// <see cref="DataCatalog"/>: E_R &gt; 0 and strictly increasing, every efficiency in [0, 1]; a fault names the file,
/// line and column). Values are linearly interpolated in E_R; outside the tabulated range the efficiency is 0 (the
/// experiment claims nothing there).
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
        var table = DataFiles.Table("detection/" + file);
        var e = table.Numbers("E_R_keVnr");
        var cols = columns.Select(c => table.Numbers(c)).ToArray();
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
