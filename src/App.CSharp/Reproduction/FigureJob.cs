using NuDM.App.Figures;
using NuDM.App.Statistics;

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
/// <param name="Progress">Fraction done, in [0, 1].</param>
/// <param name="CancellationToken">Stops the job (finished scan points stay in their checkpoints).</param>
/// <param name="CheckpointDirectory">Folder for scan checkpoints; null: no checkpoints.</param>
public sealed record FigureContext(IProgress<double> Progress, CancellationToken CancellationToken, string? CheckpointDirectory)
{
    /// <summary>The data and program of this run, part of every checkpoint key; null: computed when first needed.</summary>
    public RunFingerprint? Run { get; init; }

    /// <summary>Do not read checkpoints: recompute every point and rewrite them (<c>figures --force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Told why a checkpoint is not used (other key, damaged or invalid line).</summary>
    public Action<string>? Warning { get; init; }

    private RunFingerprint RunOrCurrent => Run ?? (_run ??= RunFingerprint.Current());
    private RunFingerprint? _run;

    /// <summary>A context without progress or checkpoints (tests).</summary>
    public static FigureContext Silent(string? checkpointDirectory) =>
        new(new Progress<double>(_ => { }), CancellationToken.None, checkpointDirectory);

    /// <summary>The checkpoint of one scan of a figure (file &lt;figure&gt;.&lt;scan&gt;.jsonl), or null without a checkpoint folder.</summary>
    public ScanCheckpoint? Checkpoint(string figureId, string scan) => CheckpointDirectory is null
        ? null
        : new ScanCheckpoint(Path.Combine(CheckpointDirectory, $"{figureId}.{scan}.jsonl"), RunOrCurrent) { Force = Force, Warning = Warning };
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
        new TimingInformationFigure(),
        new Seed000Figure2(),
        new Seed000Figure3(),
        new Seed000Figure4(),
        new Seed000Figure5(),
    ];
}
