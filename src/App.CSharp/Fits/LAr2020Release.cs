using NuDM.App.Experiments;
using NuDM.Physics;

namespace NuDM.App.Fits;

/// <summary>
/// The COHERENT CENNS-10 analysis-A data release on its 3-D grid (PRL 126, 012002 (2021), arXiv:2003.10630; release
/// arXiv:2006.12659, Zenodo 10.5281/zenodo.3903810): reconstructed energy (12 bins of 10 keVee on 0–120 keVee) × F90
/// (8 bins of 0.05 on 0.5–0.9) × arrival time (10 bins of 0.5 μs on −0.1–4.9 μs). Every file is read through the
/// validating reader (its schema in DataCatalog declares the full 12 × 8 × 10 grid); this loader also checks that every
/// file lists the same cells in the same order as cevnspdf.txt, energy slowest and time fastest (a fault names the file,
/// line and column). The PDFs hold expected events per cell, normalised to the parameter sheet's predictions.
/// Arrays are indexed by <see cref="Cell"/>.
/// </summary>
public sealed class LAr2020Release
{
    /// <summary>Grid sizes: energy, F90, time.</summary>
    public const int EnergyBins = 12, F90Bins = 8, TimeBins = 10, Cells = EnergyBins * F90Bins * TimeBins;

    /// <summary>The release files, relative to the folder of the parameter sheet.</summary>
    public const string CevnsFile = "cevnspdf.txt", CevnsF90UpFile = "cevnspdf+1sigF90.txt", CevnsF90DownFile = "cevnspdf-1sigF90.txt",
        CevnsTimingMeanFile = "cevnspdfCEvNSTimingMeanSyst.txt", BrnFile = "brnpdf.txt", BrnEnergyUpFile = "brnpdf+1sigEnergy.txt",
        BrnEnergyDownFile = "brnpdf-1sigEnergy.txt", BrnTimingMeanUpFile = "brnpdf+1sigBRNTimingMean.txt",
        BrnTimingMeanDownFile = "brnpdf-1sigBRNTimingMean.txt", BrnTimingWidthFile = "brnpdfBRNTimingWidthSyst.txt",
        DelayedBrnFile = "delbrnpdf.txt", SteadyStateFile = "bkgpdf.txt", ObservedFile = "datanobkgsub.txt";

    /// <summary>The flat index of cell (energy i, F90 j, time k): (i × 8 + j) × 10 + k, the release's row order.</summary>
    public static int Cell(int energy, int f90, int time) => (energy * F90Bins + f90) * TimeBins + time;

    /// <summary>Reads the release files of an experiment (the folder of its parameter sheet).</summary>
    public LAr2020Release(CoherentLAr2020 experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        Experiment = experiment;
        string sheet = experiment.Definition.Files?.GetValueOrDefault("parameter_sheet")
            ?? throw new ArgumentException($"{experiment.Id}: files.parameter_sheet is missing", nameof(experiment));
        Folder = sheet.Contains('/') ? sheet[..(sheet.LastIndexOf('/') + 1)] : "";

        var reference = DataFiles.Table(Folder + CevnsFile);
        EnergyCentresKeVee = Axis(reference, "keVee", EnergyBins);
        F90Centres = Axis(reference, "F90", F90Bins);
        TimeCentresUs = Axis(reference, "time_us", TimeBins);
        CheckOrder(reference);
        Cevns = Values(reference);
        double[] Read(string file)
        {
            var t = DataFiles.Table(Folder + file);
            for (int r = 0; r < Cells; r++)
                foreach (var column in new[] { "keVee", "F90", "time_us" })
                    if (Math.Abs(t.Rows[r].Number(column) - reference.Rows[r].Number(column)) > 1e-9)
                        throw t.Rows[r].Error(column, $"{t.Rows[r][column]} differs from {reference.File} line {reference.Rows[r].Line} ({reference.Rows[r][column]}): every release file must list the same cells in the same order");
            return Values(t);
        }
        CevnsF90Up = Read(CevnsF90UpFile);
        CevnsF90Down = Read(CevnsF90DownFile);
        CevnsTimingMean = Read(CevnsTimingMeanFile);
        Brn = Read(BrnFile);
        BrnEnergyUp = Read(BrnEnergyUpFile);
        BrnEnergyDown = Read(BrnEnergyDownFile);
        BrnTimingMeanUp = Read(BrnTimingMeanUpFile);
        BrnTimingMeanDown = Read(BrnTimingMeanDownFile);
        BrnTimingWidth = Read(BrnTimingWidthFile);
        DelayedBrn = Read(DelayedBrnFile);
        SteadyState = Read(SteadyStateFile);
        Observed = Read(ObservedFile);
        foreach (var (name, pdf) in new[] { (CevnsFile, Cevns), (BrnFile, Brn), (DelayedBrnFile, DelayedBrn), (SteadyStateFile, SteadyState) })
            if (!(pdf.Sum() > 0)) throw new DataFileException(DataFiles.DisplayName(Folder + name), "is empty: a PDF needs expected events");
    }

    /// <summary>The experiment (parameter sheet, efficiency, exposure).</summary>
    public CoherentLAr2020 Experiment { get; }
    /// <summary>Folder of the release under data/ ('/'-terminated).</summary>
    public string Folder { get; }
    /// <summary>Energy bin centres (keVee).</summary>
    public IReadOnlyList<double> EnergyCentresKeVee { get; }
    /// <summary>F90 bin centres.</summary>
    public IReadOnlyList<double> F90Centres { get; }
    /// <summary>Arrival-time bin centres (μs).</summary>
    public IReadOnlyList<double> TimeCentresUs { get; }
    /// <summary>Energy bin width (keVee), F90 bin width, time bin width (μs): the spacing of the centres.</summary>
    public double EnergyWidthKeVee => EnergyCentresKeVee[1] - EnergyCentresKeVee[0];
    /// <inheritdoc cref="EnergyWidthKeVee"/>
    public double TimeWidthUs => TimeCentresUs[1] - TimeCentresUs[0];

    /// <summary>CEvNS PDF (expected events per cell; sums to the predicted 128) and its F90 ±1σ and timing-mean variants.</summary>
    public double[] Cevns { get; }
    /// <inheritdoc cref="Cevns"/>
    public double[] CevnsF90Up { get; }
    /// <inheritdoc cref="Cevns"/>
    public double[] CevnsF90Down { get; }
    /// <inheritdoc cref="Cevns"/>
    public double[] CevnsTimingMean { get; }
    /// <summary>Prompt beam-related-neutron PDF (sums to the predicted 497) and its energy ±1σ, timing-mean ±1σ and timing-width variants.</summary>
    public double[] Brn { get; }
    /// <inheritdoc cref="Brn"/>
    public double[] BrnEnergyUp { get; }
    /// <inheritdoc cref="Brn"/>
    public double[] BrnEnergyDown { get; }
    /// <inheritdoc cref="Brn"/>
    public double[] BrnTimingMeanUp { get; }
    /// <inheritdoc cref="Brn"/>
    public double[] BrnTimingMeanDown { get; }
    /// <inheritdoc cref="Brn"/>
    public double[] BrnTimingWidth { get; }
    /// <summary>Delayed beam-related-neutron PDF (sums to the predicted 33).</summary>
    public double[] DelayedBrn { get; }
    /// <summary>Steady-state background PDF (sums to 3152; the sheet's prediction is 3154 ± 25).</summary>
    public double[] SteadyState { get; }
    /// <summary>Observed events per cell (beam on, no background subtraction).</summary>
    public double[] Observed { get; }

    /// <summary>A sheet number (value, or key.uncertainty); a missing key names the sheet.</summary>
    public double Sheet(string key) => Experiment.ReleaseParameters.TryGetValue(key, out var v) ? v
        : throw new DataFileException(DataFiles.DisplayName(Experiment.Definition.Files!["parameter_sheet"]), $"has no {key}");

    private static double[] Values(DataTable t) => t.Rows.Select(r => r.Number(3)).ToArray();

    private static double[] Axis(DataTable t, string column, int n)
    {
        var v = t.Numbers(column).Distinct().Order().ToArray();
        if (v.Length != n) throw t.Error($"{column} takes {v.Length} values, the grid needs {n}"); // the schema's grid check comes first
        double w = v[1] - v[0];
        for (int i = 1; i < n; i++)
            if (Math.Abs(v[i] - v[i - 1] - w) > 1e-9 * Math.Max(1, Math.Abs(w)))
                throw t.Error($"{column}: the bin centres {v[i - 1]} and {v[i]} are not spaced by {w} like the first two: the bins must be uniform");
        return v;
    }

    private void CheckOrder(DataTable t)
    {
        for (int i = 0; i < EnergyBins; i++)
            for (int j = 0; j < F90Bins; j++)
                for (int k = 0; k < TimeBins; k++)
                {
                    var row = t.Rows[Cell(i, j, k)];
                    foreach (var (column, value) in new[] { ("keVee", EnergyCentresKeVee[i]), ("F90", F90Centres[j]), ("time_us", TimeCentresUs[k]) })
                        if (row.Number(column) != value)
                            throw row.Error(column, $"{row[column]} is out of order: the rows must run energy slowest, then F90, then time (expected {value})");
                }
    }
}
