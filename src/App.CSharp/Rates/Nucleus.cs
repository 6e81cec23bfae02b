using NuDM.Physics;

namespace NuDM.App.Rates;

/// <summary>
/// A target nucleus as the physics kernel sees it: the argument passed to the cross-section and kinematics
/// delegates. Immutable and shared between threads.
/// </summary>
/// <param name="Name">Isotope name, e.g. "Cs-133".</param>
/// <param name="Z">Proton number.</param>
/// <param name="A">Mass number.</param>
/// <param name="Mass">Nuclear mass in MeV.</param>
public sealed record Nucleus(string Name, int Z, int A, double Mass)
{
    /// <summary>Neutron number A − Z.</summary>
    public int N => A - Z;

    /// <summary>The nucleus of an isotope of the kernel's table (<see cref="Isotope"/>).</summary>
    public static Nucleus From(Isotope isotope)
    {
        ArgumentNullException.ThrowIfNull(isotope);
        return new Nucleus(isotope.Name, isotope.Z, isotope.A, isotope.Mass);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (Z={Z}, A={A}, M={Mass:G6} MeV)";
}

/// <summary>A nucleus and how many of them the detector holds.</summary>
/// <param name="Nucleus">The nucleus.</param>
/// <param name="Count">Number of such nuclei in the detector (dimensionless, &gt; 0).</param>
public sealed record TargetCount(Nucleus Nucleus, double Count);
