using NuDM.Physics;

namespace NuDM.App;

/// <summary>
/// The model the running command computes with: the seeds' scalar model built into the kernel (the default), or the
/// model a command's <c>--model FILE</c> loaded. It is set for the duration of one command
/// (<see cref="Use"/>) on the logical thread, and flows into the parallel loops the command starts; everything that
/// asks the kernel for a process (<c>Cevns/KernelPhysics</c>, <c>Cosmology/KernelCosmology</c>) asks this model.
/// Without a scope it is the built-in model, so every number of the default is what it was.
/// </summary>
public static class ModelInUse
{
    private static readonly AsyncLocal<ModelDefinition?> Current = new();

    /// <summary>The model definition in use (the built-in seeds' scalar model by default).</summary>
    public static ModelDefinition Definition => Current.Value ?? ModelFile.Seed;

    /// <summary>The model in use.</summary>
    public static Model Model => Definition.Model;

    /// <summary>Whether the built-in default is in use.</summary>
    public static bool IsDefault => Definition.IsBuiltIn;

    /// <summary>What the model adds to checkpoint and manifest keys: empty for the default (so its keys are those of
    /// before), else the model's name and the SHA-256 of its file.</summary>
    public static string KeyPart => Definition.KeyPart;

    /// <summary>Whether <paramref name="definition"/> is what this thread computes with now (set by <see cref="Use"/>, not
    /// the default): a caller that finds it so need not set it again (setting an AsyncLocal allocates).</summary>
    public static bool IsInUse(ModelDefinition definition) => ReferenceEquals(Current.Value, definition);

    /// <summary>Computes with <paramref name="definition"/> until the returned scope is disposed (null: the default).</summary>
    public static IDisposable Use(ModelDefinition? definition)
    {
        var before = Current.Value;
        Current.Value = definition;
        return new Scope(before);
    }

    private sealed class Scope(ModelDefinition? before) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            Current.Value = before;
        }
    }
}
