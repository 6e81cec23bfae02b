using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// The rows of data/detection/downscattering_experiments.csv (experiment, quantity, value, unit, status, reference):
/// every number a limit uses, with its provenance. Lists in a value are ';'-separated. Read through
/// <see cref="DataFiles.Table"/>; a number that does not parse names the file, line and column; a quantity listed twice
/// for one experiment is an error.
/// </summary>
internal sealed class DownScatteringInputs
{
    private readonly Dictionary<(string, string), DataRow> _values = new();
    private readonly List<string> _experiments = new();

    public const string File = "downscattering_experiments.csv";

    public static DownScatteringInputs Instance => DataFiles.Cached("detection.downscattering-inputs", () => new DownScatteringInputs());

    private DownScatteringInputs()
    {
        foreach (var row in DataFiles.Table("detection/" + File).Rows)
        {
            string e = row["experiment"], q = row["quantity"];
            if (!_experiments.Contains(e)) _experiments.Add(e);
            if (!_values.TryAdd((e, q), row))
                throw row.Error("quantity", $"{e}/{q} is listed twice (line {_values[(e, q)].Line})");
        }
    }

    public IReadOnlyList<string> Experiments => _experiments;

    public bool Has(string experiment, string quantity) => _values.ContainsKey((experiment, quantity));

    public string Text(string experiment, string quantity)
    {
        if (!_experiments.Contains(experiment))
            throw new ArgumentException($"unknown experiment '{experiment}'; known: {string.Join(", ", _experiments)}", nameof(experiment));
        return Row(experiment, quantity)["value"];
    }

    private DataRow Row(string experiment, string quantity) =>
        _values.TryGetValue((experiment, quantity), out var v)
            ? v
            : throw new DataFileException(DataFiles.DisplayName("detection/" + File), $"experiment {experiment} has no row '{quantity}'");

    public string[] List(string experiment, string quantity) =>
        Text(experiment, quantity).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A number ≥ 0 (masses, live times, exposures, counts and backgrounds all are).</summary>
    public double Number(string experiment, string quantity) => Row(experiment, quantity).Number("value", CellRule.NonNegative);

    /// <summary>A ';'-separated list of numbers ≥ 0.</summary>
    public double[] Numbers(string experiment, string quantity)
    {
        Text(experiment, quantity); // the experiment must exist (a user error otherwise)
        return Row(experiment, quantity).Numbers("value", ';', CellRule.NonNegative);
    }
}
