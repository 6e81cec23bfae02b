/// Tree-level two-body decays from a model's vertices (DecayChannels): which channels each shipped model's fields
/// have, and when they are kinematically open (m_X > m_a + m_b).
module NuDM.Physics.Tests.DecayChannelsTests

open System
open System.IO
open NUnit.Framework
open NuDM.Physics

/// A shipped model file, read and checked (not verified: the channels need only the vertices).
let private shipped (name: string) =
    let f = Path.Combine(ModelFile.ShippedFolder, name)
    ModelFile.Parse(f, File.ReadAllText f)

let private names (m: Model) (field: string) = DecayChannels.TwoBody(m, field) |> Seq.map (fun d -> d.Name) |> List.ofSeq

/// A point with the given masses (MeV) by symbol.
let private point (m: Model) (masses: (string * float) list) =
    masses |> List.fold (fun (p: ParameterPoint) (s, v) -> p.With(m.Parameter s, v)) ParameterPoint.Empty

let private openAt (m: Model) (field: string) (masses: (string * float) list) =
    DecayChannels.OpenAt(m, field, point m masses) |> Seq.map (fun d -> d.Name) |> List.ofSeq

[<Test>]
let ``scalar.yaml: χ → ν S is open exactly when m_χ > m_S; S → χ ν̄, χ̄ ν above m_χ and → N N̄ above 2M`` () =
    let m = shipped "scalar.yaml"
    Assert.That(names m "chi", Is.EquivalentTo [ "χ → ν S" ])
    Assert.That(names m "S", Is.EquivalentTo [ "S → χ ν̄"; "S → χ̄ ν"; "S → N N̄" ])
    Assert.That(names m "N", Is.EquivalentTo [ "N → N S" ])
    // the seeds' regime m_S = r m_χ with r > 1: χ is stable at tree level (it decays only at one loop, X → νγ, seed 000 eq. 3)
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_S", 30.0 ], Is.Empty)
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_S", 10.0 ], Is.Empty, "at threshold there is no phase space")
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_S", 9.999 ], Is.EquivalentTo [ "χ → ν S" ])
    Assert.That(openAt m "S" [ "m_chi", 10.0; "m_S", 30.0; "M", 931.0 ], Is.EquivalentTo [ "S → χ ν̄"; "S → χ̄ ν" ])
    Assert.That(openAt m "S" [ "m_chi", 10.0; "m_S", 2000.0; "M", 931.0 ], Is.EquivalentTo [ "S → χ ν̄"; "S → χ̄ ν"; "S → N N̄" ])
    Assert.That(openAt m "N" [ "m_S", 1.0; "M", 931.0 ], Is.Empty, "N → N S never opens")
    let d = DecayChannels.TwoBody(m, "chi").[0]
    Assert.That(d.Release(point m [ "m_chi", 10.0; "m_S", 7.5 ]), Is.EqualTo 2.5)
    Assert.That(d.Masses |> Seq.map (fun p -> p.Symbol), Is.EquivalentTo [ "m_chi"; "m_S" ])
    Assert.That(d.Vertex.Coupling.Symbol, Is.EqualTo "y_chi")
    // a mass the point lacks is named
    let e = Assert.Throws<ArgumentException>(fun () -> d.IsOpen(point m [ "m_chi", 10.0 ]) |> ignore)
    Assert.That(e.Message, Does.Contain("m_S").And.Contain("χ → ν S"))

[<Test>]
let ``the built-in seed model has the channels of scalar.yaml`` () =
    let file = shipped "scalar.yaml"
    for f in [ "chi"; "S"; "N" ] do
        Assert.That(names SeedModel.Model f, Is.EquivalentTo(names file f), f)

[<Test>]
let ``vector.yaml: χ → ν V below m_χ; V → χ ν̄, χ̄ ν and N N̄`` () =
    let m = shipped "vector.yaml"
    Assert.That(names m "chi", Is.EquivalentTo [ "χ → ν V" ])
    Assert.That(names m "V", Is.EquivalentTo [ "V → χ ν̄"; "V → χ̄ ν"; "V → N N̄" ])
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_V", 30.0 ], Is.Empty)
    Assert.That(openAt m "chi" [ "m_chi", 30.0; "m_V", 10.0 ], Is.EquivalentTo [ "χ → ν V" ])

[<Test>]
let ``pseudoscalar.yaml: χ → ν φ below m_χ (iγ5 opens the same channel as the scalar)`` () =
    let m = shipped "pseudoscalar.yaml"
    Assert.That(names m "chi", Is.EquivalentTo [ "χ → ν φ" ])
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_phi", 30.0 ], Is.Empty)
    Assert.That(openAt m "chi" [ "m_chi", 10.0; "m_phi", 5.0 ], Is.EquivalentTo [ "χ → ν φ" ])

[<Test>]
let ``light-vector.yaml: Z' → ν ν̄ is always open, → N N̄ above 2M; the massless ν never decays`` () =
    let m = shipped "light-vector.yaml"
    Assert.That(names m "Zp", Is.EquivalentTo [ "Z' → ν ν̄"; "Z' → N N̄" ])
    Assert.That(openAt m "Zp" [ "m_V", 1.0; "M", 931.0 ], Is.EquivalentTo [ "Z' → ν ν̄" ])
    Assert.That(names m "nu", Is.EquivalentTo [ "ν → ν Z'" ])
    Assert.That(openAt m "nu" [ "m_V", 1.0 ], Is.Empty)
    // no dark fermion: a field the model does not have is named
    let e = Assert.Throws<Collections.Generic.KeyNotFoundException>(fun () -> DecayChannels.TwoBody(m, "chi") |> ignore)
    Assert.That(e.Message, Does.Contain("no field 'chi'"))
