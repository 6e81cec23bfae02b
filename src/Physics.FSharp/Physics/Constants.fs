namespace NuDM.Physics

/// Physical constants, in one place. Natural units (ħ = c = k_B = 1) with energies and masses in MeV;
/// conversion factors to laboratory units are given explicitly. Unless stated otherwise the values are from
/// the Review of Particle Physics, S. Navas et al. (Particle Data Group), Phys. Rev. D 110, 030001 (2024)
/// ("PDG 2024"), whose fundamental constants table follows CODATA 2018.
[<AbstractClass; Sealed>]
type Constants =
    // ---- conversion factors ------------------------------------------------------------------------
    /// ħc in MeV·fm (PDG 2024, exact-derived from CODATA 2018).
    static member HbarC_MeV_fm = 197.3269804
    /// ħ in MeV·s (PDG 2024).
    static member Hbar_MeV_s = 6.582119569e-22
    /// Speed of light in cm/s (exact).
    static member C_cm_s = 2.99792458e10
    /// 1 MeV⁻² expressed in cm²: (ħc)² = (197.3269804 MeV fm)² · 1e-26 cm²/fm².
    static member InvMeV2_cm2 = Constants.HbarC_MeV_fm * Constants.HbarC_MeV_fm * 1e-26
    /// 1 MeV⁻¹ expressed in cm: ħc · 1e-13 cm/fm.
    static member InvMeV_cm = 197.3269804e-13
    /// 1 MeV⁻¹ expressed in s: ħ.
    static member InvMeV_s = Constants.Hbar_MeV_s
    /// Boltzmann constant in MeV/K (PDG 2024).
    static member kB_MeV_per_K = 8.617333262e-11
    /// Atomic mass unit in MeV (PDG 2024).
    static member AtomicMassUnit_MeV = 931.49410242
    /// Avogadro's number per mol (exact, SI 2019).
    static member Avogadro = 6.02214076e23
    /// Julian year in s (365.25 d, PDG astrophysical constants).
    static member Year_s = 3.15576e7
    /// Day in s.
    static member Day_s = 86400.0
    /// 1 GeV/c² in grams: 1.78266192e-24 g (PDG 2024).
    static member GeV_g = 1.78266192e-24
    /// Solar mass in GeV: 1.98841e30 kg / 1.78266192e-27 kg per GeV (PDG 2024 M_⊙ = 1.98841(4) × 10³⁰ kg).
    static member SolarMass_GeV = 1.98841e30 / 1.78266192e-27
    /// Astronomical unit in cm (exact, IAU 2012).
    static member AU_cm = 1.495978707e13
    /// Parsec in cm (PDG 2024).
    static member Parsec_cm = 3.08567758149e18

    // ---- particle masses (MeV) ------------------------------------------------------------------
    /// Electron mass (PDG 2024).
    static member ElectronMass = 0.51099895
    /// Muon mass (PDG 2024).
    static member MuonMass = 105.6583755
    /// Charged pion mass (PDG 2024).
    static member ChargedPionMass = 139.57039
    /// Charged kaon mass (PDG 2024).
    static member ChargedKaonMass = 493.677
    /// Proton mass (PDG 2024).
    static member ProtonMass = 938.27208816
    /// Neutron mass (PDG 2024).
    static member NeutronMass = 939.56542052

    // ---- couplings ------------------------------------------------------------------------------
    /// Fermi constant G_F in MeV⁻² (PDG 2024: 1.1663788(6) × 10⁻⁵ GeV⁻²).
    static member FermiConstant = 1.1663788e-11
    /// Fine-structure constant α at Q² = 0 (PDG 2024: 1/137.035999084).
    static member AlphaEM = 1.0 / 137.035999084
    /// Weak mixing angle sin²θ̂_W(0) in the MS-bar scheme at vanishing momentum transfer, the value relevant
    /// for CEvNS: 0.23868 (J. Erler, R. Ferro-Hernández, JHEP 03 (2018) 196, as quoted in the PDG review).
    static member SinSquaredThetaW = 0.23868
    /// Higgs vacuum expectation value ⟨H⁰⟩ = v/√2 = 174 GeV used by seed 001 eq. (3.5), in MeV.
    static member HiggsVevSeed001 = 174.0e3

    // ---- cosmology ------------------------------------------------------------------------------
    /// Planck mass M_Pl = 1.220890 × 10¹⁹ GeV (PDG 2024), in MeV.
    static member PlanckMass = 1.220890e22
    /// Present CMB temperature T₀ = 2.7255 K (PDG 2024), in MeV.
    static member CmbTemperature = 2.7255 * Constants.kB_MeV_per_K
    /// Critical density ρ_c / h² = 1.05371 × 10⁻⁵ GeV cm⁻³ (PDG 2024), in MeV cm⁻³.
    static member CriticalDensityOverH2_MeV_cm3 = 1.05371e-2
    /// Present entropy density s₀ = 2891.2 cm⁻³ (PDG 2024).
    static member EntropyDensityToday_cm3 = 2891.2
    /// Dark-matter density Ω_c h² = 0.120 (Planck 2018, PDG 2024 cosmological parameters).
    static member OmegaDMh2 = 0.120
    /// Age of the Universe t₀ = 13.787 Gyr (Planck 2018, PDG 2024), in s.
    static member AgeOfUniverse_s = 13.787e9 * Constants.Year_s
    /// Local dark-matter density used by the seeds and standard direct-detection analyses: 0.3 GeV cm⁻³, in MeV cm⁻³.
    static member LocalDMDensity_MeV_cm3 = 300.0
    /// Standard-halo circular velocity v₀ = 220 km/s, in units of c.
    static member HaloVelocity0 = 220.0e5 / Constants.C_cm_s

    // ---- energy conversion (appended for the reactor flux) ------------------------------------------------
    /// 1 MeV in joules: 1.602176634 × 10⁻¹³ J (exact, the elementary charge being fixed by the 2019 SI; PDG 2024).
    static member MeV_J = 1.602176634e-13
