using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using NuDM.Physics;

namespace NuDM.App.Statistics;

/// <summary>
/// Everything besides a point's own parameters that can change a computed point: the content of the data folder in use
/// (<see cref="DataFiles.Directory"/>, which NUDM_DATA or <see cref="DataFiles.UseDirectory"/> can change) and the
/// program (module version ids of nudm, NuDM.Physics and the numerical libraries; deterministic builds give the same
/// ids for the same source). Checkpoint and manifest keys are built from it with <see cref="Key"/>, so a checkpoint
/// made from other data or by another build is never used.
/// </summary>
/// <param name="DataDirectory">The data folder that was hashed.</param>
/// <param name="DataHash">SHA-256 (hex) over every file under it: relative path and content, in ordinal path order.</param>
/// <param name="ProgramHash">SHA-256 (hex) over the module version ids of the program's assemblies.</param>
public sealed record RunFingerprint(string DataDirectory, string DataHash, string ProgramHash)
{
    /// <summary>The fingerprint of the data folder in use and this build, computed now (the data folder is ~1 MB: milliseconds).</summary>
    public static RunFingerprint Current()
    {
        var dir = Path.GetFullPath(DataFiles.Directory);
        return new RunFingerprint(dir, HashDirectory(dir), ProgramHashValue.Value);
    }

    private static readonly Lazy<string> ProgramHashValue = new(() =>
    {
        Assembly[] assemblies =
        [
            typeof(RunFingerprint).Assembly, typeof(Formula).Assembly, typeof(MathNet.Numerics.Integrate).Assembly,
            typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly,
        ];
        return Hash(string.Join("\n", assemblies.Select(a => $"{a.GetName().Name}:{a.ManifestModule.ModuleVersionId:N}")));
    });

    /// <summary>
    /// A key over this fingerprint and the given parts (model, parameters, options, points): SHA-256, hex. Two keys are
    /// equal only if the data, the program and every part are.
    /// </summary>
    public string Key(params string[] parts) =>
        Hash(string.Join("\u001f", new[] { "nudm-key/1", DataHash, ProgramHash }.Concat(parts)));

    /// <summary>SHA-256 of a text (UTF-8), lower-case hex.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string HashFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>A hash of exact doubles (their bits), for keys over point lists.</summary>
    public static string HashPoints(IEnumerable<IReadOnlyList<double>> points) =>
        Hash(string.Join(";", points.Select(p => string.Join(",", p.Select(x => BitConverter.DoubleToInt64Bits(x).ToString("x16"))))));

    private static string HashDirectory(string dir)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(dir, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (full, relative) in files)
        {
            var content = File.ReadAllBytes(full);
            sha.AppendData(Encoding.UTF8.GetBytes($"{relative}\0{content.Length}\0"));
            sha.AppendData(content);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>Where a scan keeps its finished points, and under which run fingerprint (see <see cref="LimitScan"/>).</summary>
/// <param name="Path">The checkpoint file.</param>
/// <param name="Run">The data and program the points are computed with; part of the checkpoint key.</param>
public sealed record ScanCheckpoint(string Path, RunFingerprint Run)
{
    /// <summary>Do not read the checkpoint; recompute and rewrite it (<c>--force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>Told why an existing checkpoint is not used.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Told how many points were resumed from it.</summary>
    public Action<int>? Resumed { get; init; }
}
