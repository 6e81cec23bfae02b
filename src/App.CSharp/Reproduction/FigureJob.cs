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

    /// <summary>Computes the figure; reports progress in [0, 1]; honours cancellation; long scans checkpoint their
    /// finished points under <see cref="FigureContext.CheckpointDirectory"/> so an interrupted run resumes.</summary>
    Figure Build(FigureContext context);
}

/// <summary>What a figure job gets: progress reporting, cancellation and a folder for scan checkpoints.</summary>
public sealed record FigureContext(IProgress<double> Progress, CancellationToken CancellationToken, string CheckpointDirectory)
{
    /// <summary>A context without progress or checkpoints (tests).</summary>
    public static FigureContext Silent(string checkpointDirectory) =>
        new(new Progress<double>(_ => { }), CancellationToken.None, checkpointDirectory);

    /// <summary>The checkpoint file of one scan of a figure.</summary>
    public string Checkpoint(string figureId, string scan) => Path.Combine(CheckpointDirectory, $"{figureId}.{scan}.jsonl");
}

/// <summary>All figure jobs, in the order `nudm figures` runs them.</summary>
public static class FigureCatalog
{
    /// <summary>The jobs.</summary>
    public static IReadOnlyList<IFigureJob> All { get; } =
    [
        new Seed001Figure2(),
        new Seed001Figure3(conus: true),
        new Seed001Figure3(conus: false),
        new Seed001Figure4(),
        new Seed001Figure5(),
        new Seed001Figure7(),
        new Seed000Figure2(),
        new Seed000Figure3(),
        new Seed000Figure4(),
        new Seed000Figure5(),
    ];
}
