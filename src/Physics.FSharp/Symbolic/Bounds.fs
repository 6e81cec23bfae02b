namespace NuDM.Symbolic

open System
open System.Globalization

/// Raised when an operation on exact numbers would produce an integer (a numerator or a denominator) with more
/// than Bounds.MaxExactBits bits, e.g. (2^99999)^99999. The size is estimated before the number is computed, so
/// the operation fails at once instead of hanging and exhausting memory. Derives from ArgumentException: such a
/// number comes from input that asks for it, and the command line reports it as bad input (exit code 2).
type ExactNumberTooLargeException(message: string, operation: string, estimatedBits: int64, limitBits: int64) =
    inherit ArgumentException(message)
    /// What was being computed, e.g. "a 99999-bit number to the power 99999".
    member _.Operation = operation
    /// Estimated size of the result, in bits.
    member _.EstimatedBits = estimatedBits
    /// The limit, in bits (Bounds.MaxExactBits).
    member _.LimitBits = limitBits

/// Raised when the rational normal form (Normal) runs out of its work budget: the expression named (printed and
/// truncated) needs more polynomial arithmetic than the budget (Bounds.NormalFormBudget term operations unless a
/// caller chose another with Normal.WithBudget). The budget counts
/// operations, not time, so the same input fails the same way on every machine. Derives from ArgumentException:
/// the expression handed to the simplifier is what is too complex, and the command line reports it as bad input.
type ExpressionTooComplexException(message: string, expression: string, budget: int64) =
    inherit ArgumentException(message)
    /// The sub-expression whose normal form exceeded the budget (infix text, truncated to a few hundred characters).
    member _.Expression = expression
    /// The budget that was exceeded, in term operations.
    member _.Budget = budget

/// Limits on the size of exact numbers and on the work of the simplifier.
[<RequireQualifiedAccess>]
module Bounds =
    /// The largest numerator or denominator any exact operation may produce, in bits (2^20 bits ≈ 315,000 decimal
    /// digits; a number literal may have up to 10^100000 ≈ 332,000 bits).
    [<Literal>]
    let MaxExactBits = 1048576L

    /// The work budget of one call of the rational normal form (Normal.simplify, Normal.equivalent, …), in term
    /// operations of polynomial arithmetic (one coefficient product or sum of a term). The largest call in the
    /// program's derivations and proofs uses 1.1 million (11 % of it); 1/(1 + Σ_{i≤4} sqrt(a_i + 1)) over positive
    /// symbols needs more and stops after about 15 s on the 2-core development machine (it ran for over 4 min).
    [<Literal>]
    let NormalFormBudget = 10000000L

    let private thousands (n: int64) = n.ToString("N0", CultureInfo.InvariantCulture)

    /// Throws ExactNumberTooLargeException when a result of `bits` bits would exceed MaxExactBits.
    let checkBits (bits: int64) (describe: unit -> string) : unit =
        if bits > MaxExactBits then
            let what = describe ()
            raise (
                ExactNumberTooLargeException(
                    sprintf
                        "exact number too large: %s would have about %s bits; the limit is %s bits"
                        what
                        (thousands bits)
                        (thousands MaxExactBits),
                    what,
                    bits,
                    MaxExactBits))

    /// Shortens a printed expression for an error message.
    let truncate (maxLength: int) (text: string) =
        if isNull text || text.Length <= maxLength then text
        else
            // do not cut a surrogate pair in half
            let cut = if Char.IsHighSurrogate text.[maxLength - 1] then maxLength - 1 else maxLength
            text.Substring(0, cut) + " …"

/// Thrown inside the core when the work budget of the current normal-form computation is spent; Normal turns it
/// into ExpressionTooComplexException naming the sub-expression.
exception internal BudgetExhausted

/// The work budget of the current thread's normal-form computation (ambient, so that the polynomial arithmetic
/// can count its operations without a parameter). Inactive outside Budget.Run: nothing is counted then.
type internal WorkBudget private () =
    [<ThreadStatic; DefaultValue>]
    static val mutable private remaining: int64

    [<ThreadStatic; DefaultValue>]
    static val mutable private active: bool

    [<ThreadStatic; DefaultValue>]
    static val mutable private limit: int64

    /// Counts n term operations; throws BudgetExhausted when the budget is spent.
    static member Spend(n: int64) =
        if WorkBudget.active then
            WorkBudget.remaining <- WorkBudget.remaining - n
            if WorkBudget.remaining < 0L then raise BudgetExhausted

    /// True while a budgeted computation runs on this thread.
    static member IsActive = WorkBudget.active

    /// Operations left (for tests and calibration).
    static member Remaining = WorkBudget.remaining

    /// The budget of the computation running on this thread.
    static member Limit = WorkBudget.limit

    /// Runs f with a budget of `limit` operations; a nested call shares the budget of the outer one.
    static member Run(limit: int64, f: unit -> 'T) : 'T =
        if WorkBudget.active then f ()
        else
            WorkBudget.active <- true
            WorkBudget.remaining <- limit
            WorkBudget.limit <- limit
            try
                f ()
            finally
                WorkBudget.active <- false
