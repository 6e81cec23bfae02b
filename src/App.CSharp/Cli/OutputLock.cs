using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NuDM.App.Cli;

/// <summary>Another process holds the lock: bad timing, not a bug (exit code 2). The message names the holder.</summary>
public sealed class OutputLockedException(string message) : UserInputException(message);

/// <summary>
/// An exclusive, OS-level lock on a lock file, held for a whole run so that two runs never write the same outputs or
/// checkpoints. The lock is a <see cref="FileStream"/> opened with <see cref="FileShare.None"/>, which .NET maps to
/// flock(LOCK_EX) on Linux and to a sharing lock on Windows: the operating system releases it when the process ends,
/// however it ends (a killed run leaves no stale lock). Who holds it (PID, command line, start time) is written to a
/// companion file <c>&lt;lock&gt;.owner</c> so that a refused run can name the holder.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>How often a waiting run retries.</summary>
    public static TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Takes the lock on <paramref name="lockPath"/> (created if missing). If another process (or another run in this
    /// process) holds it: with <paramref name="wait"/> false throws <see cref="OutputLockedException"/> naming the holder;
    /// with <paramref name="wait"/> true reports <paramref name="waiting"/> once and retries until it is free or
    /// <paramref name="cancellation"/> fires.
    /// </summary>
    /// <param name="lockPath">The lock file.</param>
    /// <param name="what">What is locked, for messages (e.g. "--out /tmp/x").</param>
    /// <param name="wait">Wait for the holder instead of failing.</param>
    /// <param name="waiting">Told once who is being waited for.</param>
    /// <param name="cancellation">Stops waiting.</param>
    /// <exception cref="UserInputException">The lock file cannot be created (folder not writable); names the path.</exception>
    public static OutputLock Acquire(string lockPath, string what, bool wait, Action<string>? waiting = null, CancellationToken cancellation = default)
    {
        var full = System.IO.Path.GetFullPath(lockPath);
        bool told = false;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            FileStream? s = null;
            try
            {
                s = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UserInputException($"{what}: cannot write the lock file {full} ({e.Message}); is the folder writable?");
            }
            catch (IOException) when (File.Exists(full))
            {
                // held by someone else (a sharing violation): fall through to report or wait
            }
            catch (IOException e)
            {
                throw new UserInputException($"{what}: cannot create the lock file {full} ({e.Message}); is the folder writable?");
            }
            if (s is not null)
            {
                var held = new OutputLock(s, full);
                held.WriteOwner();
                return held;
            }
            var holder = DescribeHolder(full);
            if (!wait)
                throw new OutputLockedException(
                    $"{what} is in use by {holder}; wait for it to finish, or add --wait to wait for it (lock file {full})");
            if (!told)
            {
                waiting?.Invoke($"{what} is in use by {holder}: waiting for it to finish (Ctrl-C to stop)");
                told = true;
            }
            cancellation.WaitHandle.WaitOne(RetryInterval);
        }
    }

    /// <summary>Who holds the lock, as recorded in the owner file ("another nudm run" if unknown).</summary>
    public static string DescribeHolder(string lockPath)
    {
        try
        {
            var o = JsonSerializer.Deserialize<Owner>(File.ReadAllText(lockPath + ".owner"));
            if (o is not null)
                return $"nudm process {o.Pid} ('{o.Command}', started {o.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { }
        return "another nudm run (its owner file is missing)";
    }

    private sealed record Owner(int Pid, string Command, DateTime StartedUtc);

    private void WriteOwner()
    {
        var owner = new Owner(Environment.ProcessId, CommandLineText(), DateTime.UtcNow);
        try { AtomicFile.WriteAllText(Path + ".owner", JsonSerializer.Serialize(owner)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the lock holds; only the description is lost
    }

    private static string CommandLineText() =>
        CommandLine.CurrentArguments is { } args ? "nudm " + string.Join(' ', args) : Process.GetCurrentProcess().ProcessName;

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try { File.Delete(Path + ".owner"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        _stream.Dispose();
    }
}
