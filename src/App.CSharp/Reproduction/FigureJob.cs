using NuDM.App.Figures;

namespace NuDM.App.Reproduction;

/// <summary>One figure of a seed paper, reproduced by computation (never digitised).</summary>
public interface IFigureJob
{
    /// <summary>Stable id, also the output file name (e.g. "seed001-fig2").</summary>
    string Id { get; }

    /// <summary>Which figure of which paper (e.g. "seed 001 Fig. 2").</summary>
    string Source { get; }

    /// <summary>One-line description.</summary>
    string Title { get; }

    /// <summary>Bump when the job's inputs or method change, so stale outputs are recomputed.</summary>
    string Version { get; }

    /// <summary>Computes the figure; reports progress in [0, 1]; honours cancellation.</summary>
    Figure Build(IProgress<double> progress, CancellationToken cancellationToken);
}

/// <summary>All figure jobs, in the order `nudm figures` runs them.</summary>
public static class FigureCatalog
{
    /// <summary>The jobs.</summary>
    public static IReadOnlyList<IFigureJob> All { get; } =
    [
        new Seed001Figure2(),
    ];
}
