namespace NuDM.Physics

open System
open System.Collections.Generic

// Tree-level two-body decays a model's vertices allow, and which are kinematically open at a point. Every vertex of
// a model is a three-field term c ψ̄_a Γ ψ_b φ (+ h.c.); read with all momenta incoming it annihilates {ā, b, φ}, and
// its Hermitian conjugate {a, b̄, φ̄} (the loader refuses a Lagrangian that is not Hermitian, so both are in it).
// Any one of the three can be the decaying particle, the other two (crossed to the final state: conjugated) its
// products: from ψ̄_χ P_L ν S + h.c., χ → ν S and S → χ ν̄ (and χ̄ → ν̄ S, S → χ̄ ν). A channel is open when the
// parent is heavier than the products together, m_X > m_a + m_b (strictly: at threshold the phase space is empty).
// Only kinematics and the vertices' existence enter: a channel whose amplitude vanishes for a reason other than
// its Lorentz structure (which the loader already refuses: e.g. P_R on a left-handed ν) is still listed, and decays
// at loop level (seed 000's X → ν γ through a quark loop, eq. 3) or into three bodies are not.

/// One particle of a decay's final state: a field of the model, as particle or antiparticle.
[<Sealed>]
type DecayProduct internal (field: Field, antiparticle: bool) =
    /// The field.
    member _.Field = field
    /// True for the antiparticle (never for a self-conjugate field: Majorana fermion, real scalar, vector).
    member _.IsAntiparticle = antiparticle
    /// As printed: the field's display name, with a bar (U+0304) for the antiparticle, e.g. "ν̄".
    member _.Name = if antiparticle then field.Display + "\u0304" else field.Display
    /// Its mass parameter (MeV), or null for a massless field.
    member _.MassParameter = field.MassParameter
    override p.ToString() = p.Name

/// A two-body decay X → a b that a vertex of the model allows, open at a point when m_X > m_a + m_b (MeV).
[<Sealed>]
type TwoBodyDecay internal (parent: Field, first: DecayProduct, second: DecayProduct, vertex: Vertex) =
    let massOf (point: ParameterPoint) (f: Field) (channel: string) =
        if f.IsMassless then 0.0
        else
            match point.TryGet f.MassParameter with
            | true, v -> v
            | _ ->
                invalidArg "point"
                    (sprintf "the point gives no value of %s (the mass of %s, MeV), which the kinematics of %s needs" f.MassParameter.Symbol f.Display channel)
    /// The decaying field (its particle; the antiparticle's channel is the conjugate, with the same kinematics).
    member _.Parent = parent
    /// The two products.
    member _.Products : IReadOnlyList<DecayProduct> = [| first; second |] :> IReadOnlyList<DecayProduct>
    /// The vertex that makes it.
    member _.Vertex = vertex
    /// E.g. "χ → ν S".
    member _.Name = sprintf "%s → %s %s" parent.Display first.Name second.Name
    /// The masses the kinematics needs: the parent's and the massive products' (each once).
    member _.Masses : IReadOnlyList<ModelParameter> =
        [ parent; first.Field; second.Field ]
        |> List.filter (fun f -> not f.IsMassless)
        |> List.map (fun f -> f.MassParameter)
        |> List.distinctBy (fun p -> p.Symbol)
        |> Array.ofList :> IReadOnlyList<ModelParameter>
    /// m_X − (m_a + m_b) at the point, MeV: the energy released; the channel is open when it is > 0.
    /// ArgumentException naming a mass the point does not give.
    member d.Release(point: ParameterPoint) : float =
        if isNull (box point) then nullArg "point"
        let name = d.Name
        massOf point parent name - (massOf point first.Field name + massOf point second.Field name)
    /// Whether the decay is kinematically open at the point: m_X > m_a + m_b.
    member d.IsOpen(point: ParameterPoint) : bool = d.Release point > 0.0
    override d.ToString() = d.Name

/// The tree-level two-body decays a model's vertices allow (see the comment at the top of DecayChannels.fs).
[<AbstractClass; Sealed>]
type DecayChannels =
    /// Every two-body decay of the particle of field `fieldName` that a vertex of the model allows, kinematics not
    /// applied, each once (in the order of the vertices). KeyNotFoundException naming the fields when there is no
    /// such field; empty when it is in no vertex.
    static member TwoBody(model: Model, fieldName: string) : IReadOnlyList<TwoBodyDecay> =
        if isNull (box model) then nullArg "model"
        let parent = model.Field fieldName
        // a vector boson is taken as its own antiparticle here (the models' massive vectors are real, Z'-like): only
        // the names printed depend on it, not which channels exist or their kinematics
        let selfConjugate (f: Field) = f.IsSelfConjugate || f.Kind = FieldKind.Vector
        let leg (name: string) (anti: bool) =
            let f = model.Field name
            f, anti && not (selfConjugate f)
        let conjugate (f: Field, anti: bool) = f, not anti && not (selfConjugate f)
        [ for v in model.Vertices do
              // all incoming: the term annihilates {ā, b, φ}, its conjugate {a, b̄, φ̄}
              let term = [ leg v.BarredFermion true; leg v.Fermion false; leg v.Boson false ]
              for legs in List.distinct [ term; List.map conjugate term ] do
                  for i in 0 .. 2 do
                      let f, anti = legs.[i]
                      if f.Name = parent.Name && not anti then
                          let others = legs |> List.indexed |> List.filter (fun (j, _) -> j <> i) |> List.map (snd >> conjugate)
                          let products = others |> List.sortBy (fun (g, a) -> g.IsBoson, g.Name, a) // fermions first: "χ → ν S"
                          yield v, products ]
        |> List.distinctBy (fun (_, products) -> products |> List.map (fun (g, a) -> g.Name, a))
        |> List.map (fun (v, products) ->
            let (f1, a1), (f2, a2) = products.[0], products.[1]
            TwoBodyDecay(parent, DecayProduct(f1, a1), DecayProduct(f2, a2), v))
        |> Array.ofList :> IReadOnlyList<TwoBodyDecay>

    /// The two-body decays of `fieldName` that are open at the point (masses in MeV): m_X > m_a + m_b. Empty when the
    /// particle is stable against every tree-level two-body decay. ArgumentException naming a mass the point lacks.
    static member OpenAt(model: Model, fieldName: string, point: ParameterPoint) : IReadOnlyList<TwoBodyDecay> =
        DecayChannels.TwoBody(model, fieldName) |> Seq.filter (fun d -> d.IsOpen point) |> Array.ofSeq :> IReadOnlyList<TwoBodyDecay>
