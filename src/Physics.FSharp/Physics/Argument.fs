namespace NuDM.Physics

open System
open System.Globalization

/// Argument checks for library code (kernel and C# layers alike): a value outside its allowed range raises
/// ArgumentOutOfRangeException whose message names the parameter, the allowed range with its unit and the value
/// given, e.g. "mX must be a finite number > 0 MeV, got -1"; a fault that is not a range (a shape, an order, a pairing)
/// raises ArgumentException naming the parameter (That). The C# program uses these and no other argument checks; the
/// CLI turns both into exit code 2.
[<AbstractClass; Sealed>]
type Argument =
    static let unitText (unit: string) = if String.IsNullOrEmpty unit then "" else " " + unit
    static let show (v: float) = v.ToString("R", CultureInfo.InvariantCulture)

    /// Requires a finite value &gt; 0 (unit for the message, e.g. "MeV"); returns it.
    static member Positive(parameter: string, value: float, unit: string) : float =
        if not (Double.IsFinite value) || value <= 0.0 then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be a finite number > 0%s, got %s" parameter (unitText unit) (show value)))
        value

    /// Requires a finite value &gt; 0 (dimensionless); returns it.
    static member Positive(parameter: string, value: float) : float = Argument.Positive(parameter, value, "")

    /// Requires a finite value ≥ 0; returns it.
    static member NonNegative(parameter: string, value: float, unit: string) : float =
        if not (Double.IsFinite value) || value < 0.0 then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be a finite number ≥ 0%s, got %s" parameter (unitText unit) (show value)))
        value

    /// Requires a finite value ≥ 0 (dimensionless); returns it.
    static member NonNegative(parameter: string, value: float) : float = Argument.NonNegative(parameter, value, "")

    /// Requires lo ≤ value ≤ hi (finite); returns it.
    static member InRange(parameter: string, value: float, lo: float, hi: float, unit: string) : float =
        if not (Double.IsFinite value) || value < lo || value > hi then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be in [%s, %s]%s, got %s" parameter (show lo) (show hi) (unitText unit) (show value)))
        value

    /// Requires lo &lt; value &lt; hi (an open interval, e.g. a confidence level in (0, 1)); returns it.
    static member InOpenInterval(parameter: string, value: float, lo: float, hi: float, unit: string) : float =
        if not (value > lo && value < hi) then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be in (%s, %s)%s, got %s" parameter (show lo) (show hi) (unitText unit) (show value)))
        value

    /// Requires a finite value (any sign); returns it.
    static member Finite(parameter: string, value: float, unit: string) : float =
        if not (Double.IsFinite value) then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be a finite number%s, got %s" parameter (unitText unit) (show value)))
        value

    /// Requires a condition that is not a numeric range (a shape, a pairing, an order, a name): ArgumentException with
    /// the message, naming the parameter, when it is false.
    static member That([<Diagnostics.CodeAnalysis.DoesNotReturnIf(false)>] condition: bool, parameter: string, message: string) : unit =
        if not condition then raise (ArgumentException(message, parameter))

    /// Requires an integer ≥ 0 (a count); returns it.
    static member Count(parameter: string, value: int) : int =
        if value < 0 then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be an integer ≥ 0, got %d" parameter value))
        value

    /// Requires a value &gt; 0 that may be +∞ (e.g. r = m_φ/m_X, where ∞ is the heavy-mediator limit); returns it.
    static member PositiveOrInfinity(parameter: string, value: float) : float =
        if not (value > 0.0) then
            raise (ArgumentOutOfRangeException(parameter, value, sprintf "%s must be > 0 (+∞ allowed), got %s" parameter (show value)))
        value
