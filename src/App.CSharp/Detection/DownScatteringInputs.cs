using System.Globalization;
using NuDM.App.Cli;
using NuDM.Physics;

namespace NuDM.App.Detection;

/// <summary>
/// The rows of data/detection/downscattering_experiments.csv (experiment, quantity, value, unit, status, reference):
/// every number a limit uses, with its provenance. Lists in a value are ';'-separated.
/// </summary>
internal sealed class DownScatteringInputs
{
    private readonly Dictionary<(string, string), string> _values = new();
    private readonly List<string> _experiments = new();

    public const string File = "downscattering_experiments.csv";

    private static readonly Lazy<DownScatteringInputs> Table = new(() => new DownScatteringInputs());

    public static DownScatteringInputs Instance => Table.Value;

    private DownScatteringInputs()
    {
        foreach (var row in DataFiles.ReadCsv("detection", File))
        {
            string e = row["experiment"], q = row["quantity"];
            if (!_experiments.Contains(e)) _experiments.Add(e);
            _values[(e, q)] = row["value"];
        }
    }

    public IReadOnlyList<string> Experiments => _experiments;

    public bool Has(string experiment, string quantity) => _values.ContainsKey((experiment, quantity));

    public string Text(string experiment, string quantity)
    {
        if (!_experiments.Contains(experiment))
            throw new UserInputException($"unknown experiment '{experiment}'; known: {string.Join(", ", _experiments)}");
        return _values.TryGetValue((experiment, quantity), out var v)
            ? v
            : throw new FormatException($"{File}: experiment {experiment} has no row '{quantity}'");
    }

    public string[] List(string experiment, string quantity) =>
        Text(experiment, quantity).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public double Number(string experiment, string quantity) => Parse(experiment, quantity, Text(experiment, quantity));

    public double[] Numbers(string experiment, string quantity) =>
        List(experiment, quantity).Select(s => Parse(experiment, quantity, s)).ToArray();

    private static double Parse(string experiment, string quantity, string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"{File}: {experiment}/{quantity} holds '{s}', not a number");
}
