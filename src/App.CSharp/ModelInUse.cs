using System.Globalization;
using NuDM.Physics;

namespace NuDM.App;

/// <summary>
/// The model the running command computes with: the seeds' scalar model built into the kernel (the default), or the
/// model a command's <c>--model FILE</c> loaded, with the values its <c>--param NAME=VALUE</c> gave the model's other
/// parameters (those no option of the command sets: the mass of a second mediator, a coupling the command does not
/// vary). It is set for the duration of one command (<see cref="Use(ModelDefinition?, IReadOnlyDictionary{string, double}?)"/>)
/// on the logical thread, and flows into the parallel loops the command starts; everything that asks the kernel for a
/// process (<c>Cevns/KernelPhysics</c>, <c>Cosmology/KernelCosmology</c>) asks this model, and completes its parameter
/// points with those values (<see cref="Complete"/>). Without a scope it is the built-in model, so every number of the
/// default is what it was.
/// </summary>
public static class ModelInUse
{
    /// <summary>What a command computes with: the model (null: the built-in default) and the values of its other
    /// parameters. An object that computes later, on other threads (a CEvNS model's plans), keeps one
    /// (<see cref="Capture"/>) and computes with it (<see cref="UseCaptured"/>).</summary>
    public sealed record Choice(ModelDefinition? Definition, IReadOnlyDictionary<string, double> Values);

    private static readonly AsyncLocal<Choice?> Current = new();
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>The model definition in use (the built-in seeds' scalar model by default).</summary>
    public static ModelDefinition Definition => Current.Value?.Definition ?? ModelFile.Seed;

    /// <summary>The model in use.</summary>
    public static Model Model => Definition.Model;

    /// <summary>The values (symbol → value, in the parameter's unit: MeV for a mass) given to the model's other parameters
    /// (<c>--param</c>); empty by default.</summary>
    public static IReadOnlyDictionary<string, double> Values => Current.Value?.Values ?? None;

    /// <summary>Whether the built-in default is in use.</summary>
    public static bool IsDefault => Definition.IsBuiltIn && Values.Count == 0;

    /// <summary>What the model adds to checkpoint and manifest keys: empty for the default (so its keys are those of
    /// before), else the model's name and the SHA-256 of its file, and the <c>--param</c> values (round-trip text, by
    /// name): a result computed with other values is another result.</summary>
    public static string KeyPart => Values.Count == 0
        ? Definition.KeyPart
        : Definition.KeyPart + " param:" + string.Join(";", Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key + "=" + v.Value.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Whether <paramref name="choice"/> is what this thread computes with now (set by <see cref="UseCaptured"/>):
    /// a caller that finds it so need not set it again (setting an AsyncLocal allocates).</summary>
    public static bool IsInUse(Choice choice) => ReferenceEquals(Current.Value, choice);

    /// <summary>Computes with <paramref name="definition"/> until the returned scope is disposed (null: the default).</summary>
    public static IDisposable Use(ModelDefinition? definition) => Use(definition, null);

    /// <summary>Computes with <paramref name="definition"/> and the values of its other parameters (symbol → value, each
    /// checked by the caller: <see cref="CheckValues"/>) until the returned scope is disposed.</summary>
    public static IDisposable Use(ModelDefinition? definition, IReadOnlyDictionary<string, double>? values) => UseCaptured(Of(definition, values));

    /// <summary>A model and the values of its other parameters (a copy; null or empty: none), to compute with later
    /// (<see cref="UseCaptured"/>) — e.g. a scan's model file and its spec's <c>param:</c>.</summary>
    public static Choice Of(ModelDefinition? definition, IReadOnlyDictionary<string, double>? values) =>
        new(definition, values is { Count: > 0 } ? new Dictionary<string, double>(values) : None);

    /// <summary>The model and values in use now, to compute with later (<see cref="UseCaptured"/>).</summary>
    public static Choice Capture() => Current.Value ?? new Choice(null, None);

    /// <summary>Computes with a captured choice until the returned scope is disposed.</summary>
    public static IDisposable UseCaptured(Choice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var before = Current.Value;
        Current.Value = choice;
        return new Scope(before);
    }

    /// <summary>The point with the <c>--param</c> values added for the parameters it has no value for (a value the
    /// command set stays: <see cref="CheckValues"/> refuses the parameters the commands set).</summary>
    public static ParameterPoint Complete(ParameterPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var values = Values;
        if (values.Count == 0) return point;
        var model = Model;
        foreach (var (name, value) in values)
        {
            var p = model.Parameter(name);
            if (!point.Has(p)) point = point.With(p, value);
        }
        return point;
    }

    /// <summary>The parameters of <paramref name="definition"/> that the commands' own options or the rates set — the
    /// dark fermion's and the mediator's masses, the dark and the effective coupling (and the coupling it replaces), the
    /// nucleus's mass — which <c>--param</c> may not set.</summary>
    public static IReadOnlyList<string> CommandParameters(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var model = definition.Model;
        var names = new List<string>();
        void Add(Func<NuDM.Physics.ModelParameter?> get)
        {
            try { if (get() is { } p) names.Add(p.Symbol); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException) { } // the model lacks that role
        }
        if (!string.IsNullOrEmpty(model.Roles.DarkFermion)) Add(() => definition.DarkFermionMass);
        if (!string.IsNullOrEmpty(model.Roles.Mediator)) Add(() => definition.MediatorMass);
        Add(() => definition.DarkCoupling);
        if (model.EffectiveCoupling is { } e)
        {
            names.Add(e.Parameter.Symbol);
            names.Add(e.Replaces.Symbol);
        }
        if (!string.IsNullOrEmpty(model.Roles.Nucleus)) Add(() => model.Field(model.Roles.Nucleus).MassParameter);
        return names.Distinct().ToList();
    }

    /// <summary>
    /// Checks <c>--param</c> values against <paramref name="definition"/>: each a parameter of the model that no option of
    /// the commands sets (<see cref="CommandParameters"/>), its value inside the parameter's allowed range.
    /// </summary>
    /// <exception cref="UserInputException">A name that is not a parameter of the model, one the commands set, or a value
    /// outside its range — naming the parameter, its range and the model's parameters --param may set.</exception>
    public static void CheckValues(ModelDefinition definition, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(values);
        var model = definition.Model;
        var bound = CommandParameters(definition);
        var settable = model.Parameters.Where(p => !bound.Contains(p.Symbol)).Select(p => p.Symbol).ToList();
        string Settable() => settable.Count == 0 ? "none" : string.Join(", ", settable);
        foreach (var (name, value) in values)
        {
            if (!model.TryParameter(name, out var p))
                throw new UserInputException($"--param {name}: not a parameter of model '{model.Name}'; --param may set: {Settable()}");
            if (bound.Contains(p.Symbol))
                throw new UserInputException($"--param {name}: set by the command's own options or its rates ({p.Description}), not by --param; --param may set: {Settable()}");
            if (p.Role == ParameterRole.Mass && !(value > 0))
                throw new UserInputException($"--param {name} = {Show(value)}: a mass ({p.Description}) must be > 0 MeV");
            if (!p.Allows(value))
                throw new UserInputException($"--param {name} = {Show(value)}: outside its allowed range {Range(p)}" +
                                             (string.IsNullOrEmpty(p.RangeReason) ? "" : $" ({p.RangeReason})"));
        }
    }

    /// <summary>A parameter's allowed range as text, with its unit: "[0, inf] MeV", "[0, 3.5449077]".</summary>
    internal static string Range(NuDM.Physics.ModelParameter p) =>
        $"[{Show(p.Minimum)}, {Show(p.Maximum)}]" + (p.Unit is "1" or "" ? "" : " " + p.Unit);

    private static string Show(double v) =>
        double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString("G8", CultureInfo.InvariantCulture);

    private sealed class Scope(Choice? before) : IDisposable
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
