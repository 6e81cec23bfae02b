using System.Runtime.InteropServices;

namespace NuDM.App.Scans;

/// <summary>
/// The CPU time of the calling thread (POSIX <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Linux): time the thread ran,
/// not the time it waited for a core. The scan engine reports its writer's and its workers' CPU time with it, so the
/// store's cost is measured as what it takes from the machine, not inflated by the writer waiting behind busy workers.
/// </summary>
public static class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID in Linux's <time.h>

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // a blittable out-struct: DllImport marshals it without unsafe code (LibraryImport would need AllowUnsafeBlocks)
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether the thread CPU clock is available (Linux); elsewhere <see cref="Seconds"/> is NaN.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>CPU seconds the calling thread has run (NaN when <see cref="IsAvailable"/> is false).</summary>
    public static double Seconds()
    {
        if (!IsAvailable || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) return double.NaN;
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    private static bool Probe()
    {
        try { return ClockGetTime(ClockThreadCpuTimeId, out _) == 0; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }
}
