namespace NuDM.App;

/// <summary>
/// Inputs that each lie in their allowed range but for which the model's formulas do not apply (an edge of physical
/// validity, e.g. dark matter that decouples kinetically while still relativistic). The message names the inputs and
/// the physical reason. It is an <see cref="ArgumentException"/>: the command line reports it as bad input (exit code 2),
/// never as a bug.
/// </summary>
public class OutsideValidityException(string message) : ArgumentException(message);
