namespace NuDM.Physics

open System
open NuDM.Symbolic
open NuDM.Symbolic.Notation

/// DM → ν conversion in the Earth and the Sun (seed 000 sec. V, eqs. 16–17), symbolically.
///
/// Eq. (16): dN_ν/dt = σ n v₀ ρ_χ V/m_χ with n the mean nucleon density and V the volume; since nV = N (the nucleon
/// number), the rate is σ v₀ (ρ_χ/m_χ) N and does not depend on the radius. Eq. (17): F_ν = (1/4πr²) dN_ν/dt.
///
/// The Earth (derived here). A detector at the surface of a uniform sphere of radius R sees the production spread
/// over the volume: F = q ∫ d³x/(4π|x − x_d|²) with q the rate per volume. In spherical coordinates about the
/// detector, the ray at angle θ to the inward normal crosses the sphere over the chord s ∈ [0, 2R cos θ], so
/// ∫ d³x/|x − x_d|² = ∫ dΩ ∫ ds = 2π ∫₀¹ 2R u du = 2πR, i.e. ⟨1/r²⟩ = 2πR/V = 3/(2R²) and F = (dN/dt)·3/(8πR²):
/// 3/2 of the single-distance estimate with r = R. (The true Earth is denser in the core; the seed's mean density
/// is kept.) The Sun is a point at r = 1 au (corrections O(R_⊙²/au²) ~ 2 × 10⁻⁵).
[<RequireQualifiedAccess>]
module EarthSun =
    let private s = Symbol
    /// Symbols: sigma (cm²), n (cm⁻³), v_0 (cm/s), rho (MeV cm⁻³), V (cm³), m_X (MeV), r, R (cm), N (nucleons),
    /// u = cos θ, s_chord (cm).
    let sigma, n, v0, rho, V, mX, r, R, N, u, chord =
        s "sigma", s "n", s "v_0", s "rho", s "V", s "m_X", s "r", s "R", s "N", s "u", s "s_chord"
    /// The flux limit F_lim (cm⁻² s⁻¹) and ⟨1/r²⟩ (symbol "w", cm⁻²).
    let fluxLimit, inverseSquare = s "F_lim", s "w"

    /// Every symbol is real and positive (u = cos θ ∈ (0, 1]).
    let Domain = Assumptions.AllPositive

    /// Seed 000 eq. (16): dN_ν/dt = σ n v₀ ρ V/m, s⁻¹.
    let rateEq16 = sigma * n * v0 * rho * V / mX
    /// Eq. (16) with n = N/V: σ v₀ (ρ/m) N.
    let rate = Normal.simplifyWith Domain (Structure.substitute n (N / V) rateEq16)
    /// Seed 000 eq. (17) for a point source at r.
    let fluxPoint = rate / (4 * pi * r * r)
    /// Eq. (17) with 1/r² replaced by w = ⟨1/r²⟩.
    let fluxAveraged = rate * inverseSquare / (4 * pi)

    /// The chord of a uniform ball seen from a point on its surface, in the direction at angle θ (cos θ = u) to the
    /// inward normal: the positive root of |x_d + s n̂|² = R², i.e. s² − 2Ru s = 0.
    let chordLength : Lazy<Expr> =
        lazy
            (let nonZero (x: Expr) =
                 let d = Normal.isZeroWith Domain x
                 if d.IsUndecided then failwithf "chord: cannot decide whether the root %O vanishes (%s)" x d.Reason
                 d.IsDisproven
             match Solve.polynomialWith Domain chord (chord * chord - 2 * R * u * chord) |> List.filter nonZero with
             | [ x ] -> x
             | xs -> failwithf "chord: expected one non-zero root, got %A" xs)

    /// ⟨1/r²⟩ over the ball for a detector on its surface: (1/V) ∫dΩ ∫₀^chord ds = (2π/V) ∫₀¹ chord(u) du, cm⁻².
    let surfaceAverageInverseSquare : Lazy<Expr> =
        lazy
            (let integral = Calculus.definiteIntegral u Ops.zero Ops.one (chordLength.Force())
             Normal.simplifyWith Domain (2 * pi * integral / (rat 4 3 * pi * R * R * R)))

    /// The σ for which the averaged flux equals F_lim (a linear solve of eq. 16–17 for σ), cm².
    let sigmaLimit : Lazy<Expr> =
        lazy
            (match Solve.polynomialWith Domain sigma (Normal.simplifyWith Domain (fluxAveraged - fluxLimit)) with
             | [ x ] -> x
             | xs -> failwithf "σ limit: expected one root, got %A" xs)

    /// Flux at the detector, cm⁻² s⁻¹: σ v₀ (ρ/m) N w/(4π) with w = ⟨1/r²⟩.
    [<CompiledName("FluxFormula")>]
    let fluxFormula () =
        Formula.create "F_nu" fluxAveraged
            [ "sigma", "cm^2", "DM–nucleon conversion cross section"; "v_0", "cm/s", "DM speed"; "rho", "MeV/cm^3", "local DM density"
              "m_X", "MeV", "DM mass"; "N", "1", "nucleons in the body"; "w", "cm^-2", "⟨1/r²⟩ (3/(2R²) at the Earth's surface, 1/au² for the Sun)" ]
            "cm^-2 s^-1" "seed 000 eqs. (16), (17)" "ν flux from X N → ν N in a body"

    /// The volume of the equal-volume sphere, 4πR³/3 (the V of eq. 16), cm³.
    let volume = 4 * pi * R ** 3 / 3
    /// ⟨1/r²⟩ of a point source at distance r (eq. 17 as printed), cm⁻².
    let pointInverseSquare = 1 / r ** 2

    /// V(R) = 4πR³/3, cm³.
    [<CompiledName("VolumeFormula")>]
    let volumeFormula () =
        Formula.create "V" volume [ "R", "cm", "radius of the equal-volume sphere" ] "cm^3" "seed 000 eq. (16) (V)" "volume of a body"

    /// ⟨1/r²⟩(R) = 3/(2R²) for a detector on the surface of a uniform ball (derived: surfaceAverageInverseSquare), cm⁻².
    [<CompiledName("SurfaceAverageFormula")>]
    let surfaceAverageFormula () =
        Formula.create "w_surface" (surfaceAverageInverseSquare.Force()) [ "R", "cm", "radius of the ball" ] "cm^-2"
            "seed 000 eq. (17), volume-averaged for a surface detector (derived, proof earthsun.surface-average)" "⟨1/r²⟩ over a ball seen from its surface"

    /// ⟨1/r²⟩(r) = 1/r² for a point source, cm⁻².
    [<CompiledName("PointSourceFormula")>]
    let pointSourceFormula () =
        Formula.create "w_point" pointInverseSquare [ "r", "cm", "distance" ] "cm^-2" "seed 000 eq. (17)" "1/r² of a distant point source"

    /// dN_ν/dt(σ, v₀, ρ, m_X, N) of eq. (16) with n = N/V, s⁻¹.
    [<CompiledName("RateFormula")>]
    let rateFormula () =
        Formula.create "dN_dt" rate
            [ "sigma", "cm^2", "DM–nucleon conversion cross section"; "v_0", "cm/s", "DM speed"; "rho", "MeV/cm^3", "local DM density"
              "m_X", "MeV", "DM mass"; "N", "1", "nucleons in the body" ]
            "s^-1" "seed 000 eq. (16)" "ν production rate by X N → ν N in a body"

    /// The σ limit from a flux limit, cm².
    [<CompiledName("SigmaLimitFormula")>]
    let sigmaLimitFormula () =
        Formula.create "sigma_max" (sigmaLimit.Force())
            [ "F_lim", "cm^-2 s^-1", "ν flux limit"; "v_0", "cm/s", "DM speed"; "rho", "MeV/cm^3", "local DM density"
              "m_X", "MeV", "DM mass"; "N", "1", "nucleons in the body"; "w", "cm^-2", "⟨1/r²⟩" ]
            "cm^2" "seed 000 eqs. (16), (17), inverted" "largest σ with F_ν ≤ F_lim"

/// The body geometry of eqs. (16)–(17), compiled from the EarthSun expressions (lengths in cm).
[<AbstractClass; Sealed>]
type EarthSunGeometry =
    static let volume = lazy ((EarthSun.volumeFormula ()).Compile1())
    static let surface = lazy ((EarthSun.surfaceAverageFormula ()).Compile1())
    static let point = lazy ((EarthSun.pointSourceFormula ()).Compile1())
    /// V(R) = 4πR³/3: parameter R (cm) → cm³, unchecked.
    static member Volume : Func<float, float> = volume.Force()
    /// ⟨1/r²⟩(R) for a detector on the surface of a uniform ball (derived, 3/(2R²)): parameter R (cm) → cm⁻², unchecked.
    static member SurfaceAverage : Func<float, float> = surface.Force()
    /// 1/d² for a point source at distance d: parameter d (cm) → cm⁻², unchecked.
    static member PointSource : Func<float, float> = point.Force()

/// How the 1/r² of seed 000 eq. (17) is taken for a body.
type DetectorGeometry =
    /// Detector on the surface of a uniform sphere: 1/r² averaged over the source volume, ⟨1/r²⟩ = 3/(2R²).
    | SurfaceVolumeAverage = 0
    /// Detector far away: the body is a point at the distance r.
    | PointSource = 1

/// A target body of seed 000 sec. V (the Earth or the Sun), from data/constraints/astro_bodies.csv.
[<NoEquality; NoComparison>]
type AstroBody =
    { Name: string
      /// Mass, g.
      Mass_g: float
      /// Radius of the equal-volume sphere, cm.
      Radius_cm: float
      /// Distance of the detector from the body's centre, cm (the radius for the Earth, 1 au for the Sun).
      DetectorDistance_cm: float
      Geometry: DetectorGeometry
      /// Provenance of the numbers.
      Reference: string }

    /// Number of nucleons, M/m_u (m_u the atomic mass unit; accurate to < 1 %: the mass per nucleon is 1.0078 u in
    /// ¹H and 0.9988 u in ⁵⁶Fe).
    member b.NucleonNumber = b.Mass_g / (Constants.AtomicMassUnit_MeV * 1e-3 * Constants.GeV_g)
    /// Volume 4πR³/3, cm³ (EarthSunFluxes.Volume, compiled from EarthSun.volume).
    member b.Volume_cm3 = EarthSunGeometry.Volume.Invoke(b.Radius_cm)
    /// Mean nucleon density n = M/(m_u V), cm⁻³ (seed 000 eq. 16's n).
    member b.MeanNucleonDensity_cm3 = b.NucleonNumber / b.Volume_cm3
    /// The ⟨1/r²⟩ used in eq. (17), cm⁻²: the derived surface average 3/(2R²) for SurfaceVolumeAverage, 1/d² for
    /// PointSource (EarthSun.surfaceAverageInverseSquare and EarthSun.pointInverseSquare, compiled).
    member b.InverseSquareDistance_cm2 =
        match b.Geometry with
        | DetectorGeometry.SurfaceVolumeAverage -> EarthSunGeometry.SurfaceAverage.Invoke(b.Radius_cm)
        | _ -> EarthSunGeometry.PointSource.Invoke(b.DetectorDistance_cm)

/// Numeric Earth/Sun fluxes for C#. σ in cm², masses in MeV, ρ in MeV cm⁻³, v₀ in units of c (defaults: the seed's
/// 0.3 GeV cm⁻³ and 220 km/s, Constants.LocalDMDensity_MeV_cm3 and Constants.HaloVelocity0).
[<AbstractClass; Sealed>]
type EarthSunFluxes =
    /// data/constraints/astro_bodies.csv (validated: masses, radii, distances > 0), once per data folder.
    static let bodies () : AstroBody list =
        DataFiles.Cached(
            "earthsun.bodies",
            Func<AstroBody list>(fun () ->
                DataFiles.Table("constraints/astro_bodies.csv").Rows
                |> Seq.map (fun row ->
                    let geometry =
                        match row.["geometry"] with
                        | "surface-volume-average" -> DetectorGeometry.SurfaceVolumeAverage
                        | "point" -> DetectorGeometry.PointSource
                        | g -> raise (row.Error("geometry", sprintf "unknown geometry '%s' (surface-volume-average or point)" g))
                    { Name = row.["body"]
                      Mass_g = 1e3 * row.Number "mass_kg"
                      Radius_cm = 1e2 * row.Number "radius_m"
                      DetectorDistance_cm = 1e2 * row.Number "detector_distance_m"
                      Geometry = geometry
                      Reference = row.["reference"] })
                |> List.ofSeq)
        )
    /// The row of data/constraints/reference_fluxes.csv with the given name.
    static let reference (name: string) = DataFiles.Table("constraints/reference_fluxes.csv").Find("name", name)
    static let production = lazy ((EarthSun.rateFormula ()).Compile5())
    static let flux = lazy ((EarthSun.fluxFormula ()).Compile())
    static let sigmaMax = lazy ((EarthSun.sigmaLimitFormula ()).Compile())

    static let finitePositive (name: string) (unit: string) (x: float) =
        if not (x > 0.0) || Double.IsInfinity x then raise (ArgumentOutOfRangeException(name, x, sprintf "%s must be a finite number > 0%s" name unit))

    static let checkCommon (mX: float) (rho: float) (v0: float) =
        finitePositive "mX" " MeV" mX
        finitePositive "rho" " MeV/cm^3" rho
        if not (v0 > 0.0 && v0 < 1.0) then raise (ArgumentOutOfRangeException("v0", v0, "v0 must lie in (0, 1) (units of c; 220 km/s = 7.34e-4)"))

    static let body (name: string) =
        match bodies () |> List.tryFind (fun b -> b.Name = name) with
        | Some b -> b
        | None -> raise (DataFileException("data/constraints/astro_bodies.csv", sprintf "has no row for %s" name))

    /// The Earth (detector on its surface, volume-averaged 1/r²).
    static member Earth : AstroBody = body "Earth"
    /// The Sun (point source at 1 au).
    static member Sun : AstroBody = body "Sun"

    /// SNO's total active ⁸B flux, 5.25 × 10⁶ cm⁻² s⁻¹ (Aharmim et al., PRC 88, 025501 (2013)), from
    /// data/constraints/reference_fluxes.csv.
    static member Boron8Flux_cm2_s : float = (reference "SNO_8B_total").Number "flux_cm2_s"
    /// Its citation.
    static member Boron8Reference : string = (reference "SNO_8B_total").["reference"]

    /// The lower end of the DM mass range over which seed 000 uses the Super-K bound (4 GeV < m_X < 200 GeV), MeV.
    static member SuperKMassMin_MeV = 4.0e3
    /// The upper end of that range, MeV.
    static member SuperKMassMax_MeV = 2.0e5

    /// dN_ν/dt of eq. (16), s⁻¹.
    static member ProductionRate_per_s(b: AstroBody, sigma_cm2: float, mX: float, rho: float, v0: float) : float =
        finitePositive "sigma_cm2" " cm^2" sigma_cm2
        checkCommon mX rho v0
        production.Force().Invoke(sigma_cm2, v0 * Constants.C_cm_s, rho, mX, b.NucleonNumber)

    /// The ν flux at the detector (eqs. 16–17 with the body's geometry), cm⁻² s⁻¹.
    static member Flux_cm2_s(b: AstroBody, sigma_cm2: float, mX: float, rho: float, v0: float) : float =
        finitePositive "sigma_cm2" " cm^2" sigma_cm2
        checkCommon mX rho v0
        flux.Force().Invoke([| sigma_cm2; v0 * Constants.C_cm_s; rho; mX; b.NucleonNumber; b.InverseSquareDistance_cm2 |])

    /// The ν flux with the seed's ρ = 0.3 GeV cm⁻³ and v₀ = 220 km/s, cm⁻² s⁻¹.
    static member Flux_cm2_s(b: AstroBody, sigma_cm2: float, mX: float) : float =
        EarthSunFluxes.Flux_cm2_s(b, sigma_cm2, mX, Constants.LocalDMDensity_MeV_cm3, Constants.HaloVelocity0)

    /// The largest σ (cm²) whose flux stays below fluxLimit (cm⁻² s⁻¹) at m_X (MeV).
    static member SigmaLimit_cm2(b: AstroBody, fluxLimit: float, mX: float, rho: float, v0: float) : float =
        finitePositive "fluxLimit" " cm^-2 s^-1" fluxLimit
        checkCommon mX rho v0
        sigmaMax.Force().Invoke([| fluxLimit; v0 * Constants.C_cm_s; rho; mX; b.NucleonNumber; b.InverseSquareDistance_cm2 |])

    /// The σ limit at the seed's ρ and v₀ for 4 GeV < m_X < 200 GeV (the range of seed 000's Super-K comparison);
    /// m_X outside it is rejected with the range named.
    static member SigmaLimitInSuperKRange_cm2(b: AstroBody, fluxLimit: float, mX: float) : float =
        let lo, hi = EarthSunFluxes.SuperKMassMin_MeV, EarthSunFluxes.SuperKMassMax_MeV
        if not (mX > lo && mX < hi) then
            raise (ArgumentOutOfRangeException("mX", mX, sprintf "m_X must lie in (%g, %g) MeV, the 4–200 GeV range of seed 000's Super-K comparison" lo hi))
        EarthSunFluxes.SigmaLimit_cm2(b, fluxLimit, mX, Constants.LocalDMDensity_MeV_cm3, Constants.HaloVelocity0)
