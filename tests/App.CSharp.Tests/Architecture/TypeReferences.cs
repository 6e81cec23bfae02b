using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace NuDM.App.Tests.Architecture;

/// <summary>One reference from a type of an assembly to another type: who refers (type and member), to what, and how.</summary>
/// <param name="FromType">Full name of the referencing type (nested types as Outer+Inner).</param>
/// <param name="FromNamespace">Namespace of the outermost type that declares the referencing code.</param>
/// <param name="Member">The member whose signature or body holds the reference ("(type)" for base type, interfaces, attributes).</param>
/// <param name="ToType">Full name of the referenced type.</param>
/// <param name="ToNamespace">Namespace of the referenced type (of its outermost declaring type).</param>
/// <param name="Via">Where the reference sits: base type, interface, field, signature, local, body, attribute, constraint.</param>
public sealed record TypeReference(string FromType, string FromNamespace, string Member, string ToType, string ToNamespace, string Via)
{
    public override string ToString() => $"{FromType}.{Member} → {ToType} ({Via})";
}

/// <summary>
/// Every type reference an assembly's compiled code makes, read from its metadata and IL with
/// System.Reflection.Metadata: base types, interfaces, generic constraints, custom attributes, field types, method
/// signatures, local variables and every token in every method body (calls, field accesses, object creation, casts,
/// typeof, delegates, generic instantiations) — compiler-generated lambdas, closures, iterators and async state machines
/// included, attributed to the namespace of the type whose source they come from. Nothing depends on source text.
/// </summary>
public static class TypeReferences
{
    /// <summary>The operand size of each one- and two-byte IL opcode (from System.Reflection.Emit's table).</summary>
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    /// <summary>Every type reference of the assembly at <paramref name="path"/>.</summary>
    public static IReadOnlyList<TypeReference> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var found = new List<TypeReference>();
        var names = new SignatureNames(md);
        foreach (var th in md.TypeDefinitions)
        {
            var td = md.GetTypeDefinition(th);
            string from = names.Name(th);
            string fromNs = names.Namespace(th);
            void Add(string member, IEnumerable<string> types, string via)
            {
                foreach (var t in types)
                    found.Add(new TypeReference(from, fromNs, member, t, names.NamespaceOf(t), via));
            }
            if (!td.BaseType.IsNil) Add("(type)", names.Of(td.BaseType), "base type");
            foreach (var ih in td.GetInterfaceImplementations())
                Add("(type)", names.Of(md.GetInterfaceImplementation(ih).Interface), "interface");
            foreach (var gp in td.GetGenericParameters())
                foreach (var ch in md.GetGenericParameter(gp).GetConstraints())
                    Add("(type)", names.Of(md.GetGenericParameterConstraint(ch).Type), "constraint");
            foreach (var ah in td.GetCustomAttributes())
                Add("(type)", names.AttributeType(ah), "attribute");
            foreach (var fh in td.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                string member = md.GetString(f.Name);
                Add(member, f.DecodeSignature(names, null), "field");
                foreach (var ah in f.GetCustomAttributes()) Add(member, names.AttributeType(ah), "attribute");
            }
            foreach (var ph in td.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                var sig = p.DecodeSignature(names, null);
                Add(md.GetString(p.Name), sig.ReturnType.Concat(sig.ParameterTypes.SelectMany(x => x)), "signature");
            }
            foreach (var mh in td.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                string member = md.GetString(m.Name);
                var sig = m.DecodeSignature(names, null);
                Add(member, sig.ReturnType.Concat(sig.ParameterTypes.SelectMany(x => x)), "signature");
                foreach (var ah in m.GetCustomAttributes()) Add(member, names.AttributeType(ah), "attribute");
                foreach (var gp in m.GetGenericParameters())
                    foreach (var ch in md.GetGenericParameter(gp).GetConstraints())
                        Add(member, names.Of(md.GetGenericParameterConstraint(ch).Type), "constraint");
                if (m.RelativeVirtualAddress == 0) continue;
                var body = pe.GetMethodBody(m.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                {
                    var locals = md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null);
                    Add(member, locals.SelectMany(x => x), "local");
                }
                foreach (var region in body.ExceptionRegions)
                    if (!region.CatchType.IsNil) Add(member, names.Of(region.CatchType), "catch");
                var il = body.GetILReader();
                while (il.RemainingBytes > 0)
                {
                    ushort code = il.ReadByte();
                    if (code == 0xFE) code = (ushort)(0xFE00 | il.ReadByte());
                    if (!Operands.TryGetValue(code, out var operand))
                        throw new BadImageFormatException($"unknown IL opcode 0x{code:X} in {from}.{member}");
                    switch (operand)
                    {
                        case OperandType.InlineNone: break;
                        case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.Offset += 1; break;
                        case OperandType.InlineVar: il.Offset += 2; break;
                        case OperandType.InlineI8 or OperandType.InlineR: il.Offset += 8; break;
                        case OperandType.InlineSwitch: int targets = il.ReadInt32(); il.Offset += 4 * targets; break;
                        case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString: il.Offset += 4; break;
                        case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                            Add(member, names.OfToken(il.ReadInt32()), "body");
                            break;
                        default: throw new BadImageFormatException($"IL operand {operand} not handled in {from}.{member}");
                    }
                }
            }
        }
        return found;
    }

    /// <summary>Decodes signatures into the full names of every type they mention (generic arguments included).</summary>
    private sealed class SignatureNames(MetadataReader md) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        private static readonly ImmutableArray<string> None = [];
        private readonly Dictionary<string, string> _namespaces = new();

        /// <summary>Full name of a type definition (nested: Outer+Inner).</summary>
        public string Name(TypeDefinitionHandle h)
        {
            var td = md.GetTypeDefinition(h);
            var decl = td.GetDeclaringType();
            string name = decl.IsNil
                ? Join(md.GetString(td.Namespace), md.GetString(td.Name))
                : Name(decl) + "+" + md.GetString(td.Name);
            _namespaces.TryAdd(name, Namespace(h));
            return name;
        }

        /// <summary>Namespace of a type definition's outermost declaring type.</summary>
        public string Namespace(TypeDefinitionHandle h)
        {
            var td = md.GetTypeDefinition(h);
            var decl = td.GetDeclaringType();
            return decl.IsNil ? md.GetString(td.Namespace) : Namespace(decl);
        }

        private string Name(TypeReferenceHandle h)
        {
            var tr = md.GetTypeReference(h);
            string name = tr.ResolutionScope.Kind == HandleKind.TypeReference
                ? Name((TypeReferenceHandle)tr.ResolutionScope) + "+" + md.GetString(tr.Name)
                : Join(md.GetString(tr.Namespace), md.GetString(tr.Name));
            _namespaces.TryAdd(name, tr.ResolutionScope.Kind == HandleKind.TypeReference
                ? NamespaceOf(Name((TypeReferenceHandle)tr.ResolutionScope)) : md.GetString(tr.Namespace));
            return name;
        }

        /// <summary>Namespace of a type seen before by its full name.</summary>
        public string NamespaceOf(string fullName) => _namespaces.TryGetValue(fullName, out var ns) ? ns : "";

        private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        /// <summary>The types named by a TypeDef, TypeRef or TypeSpec handle.</summary>
        public ImmutableArray<string> Of(EntityHandle h) => h.Kind switch
        {
            HandleKind.TypeDefinition => [Name((TypeDefinitionHandle)h)],
            HandleKind.TypeReference => [Name((TypeReferenceHandle)h)],
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(this, null),
            _ => None,
        };

        /// <summary>The types an IL token names: a type, or a member with its declaring type and signature.</summary>
        public ImmutableArray<string> OfToken(int token)
        {
            var h = MetadataTokens.EntityHandle(token);
            switch (h.Kind)
            {
                case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                    return Of(h);
                case HandleKind.MethodDefinition:
                {
                    var m = md.GetMethodDefinition((MethodDefinitionHandle)h);
                    var sig = m.DecodeSignature(this, null);
                    return [Name(m.GetDeclaringType()), .. sig.ReturnType, .. sig.ParameterTypes.SelectMany(x => x)];
                }
                case HandleKind.FieldDefinition:
                {
                    var f = md.GetFieldDefinition((FieldDefinitionHandle)h);
                    return [Name(f.GetDeclaringType()), .. f.DecodeSignature(this, null)];
                }
                case HandleKind.MemberReference:
                {
                    var r = md.GetMemberReference((MemberReferenceHandle)h);
                    var parent = r.Parent.Kind == HandleKind.MethodDefinition
                        ? Name(md.GetMethodDefinition((MethodDefinitionHandle)r.Parent).GetDeclaringType()) is var p ? [p] : None
                        : Of(r.Parent);
                    if (r.GetKind() == MemberReferenceKind.Field) return [.. parent, .. r.DecodeFieldSignature(this, null)];
                    var sig = r.DecodeMethodSignature(this, null);
                    return [.. parent, .. sig.ReturnType, .. sig.ParameterTypes.SelectMany(x => x)];
                }
                case HandleKind.MethodSpecification:
                {
                    var s = md.GetMethodSpecification((MethodSpecificationHandle)h);
                    return [.. OfToken(MetadataTokens.GetToken(s.Method)), .. s.DecodeSignature(this, null).SelectMany(x => x)];
                }
                case HandleKind.StandaloneSignature:
                {
                    var sig = md.GetStandaloneSignature((StandaloneSignatureHandle)h).DecodeMethodSignature(this, null);
                    return [.. sig.ReturnType, .. sig.ParameterTypes.SelectMany(x => x)];
                }
                default:
                    return None;
            }
        }

        /// <summary>The type of a custom attribute (the declaring type of its constructor).</summary>
        public ImmutableArray<string> AttributeType(CustomAttributeHandle h)
        {
            var ctor = md.GetCustomAttribute(h).Constructor;
            return ctor.Kind == HandleKind.MethodDefinition
                ? [Name(md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType())]
                : Of(md.GetMemberReference((MemberReferenceHandle)ctor).Parent);
        }

        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(x => x)];
        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(x => x)];
        public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => None;
        public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => None;
        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) => unmodifiedType;
        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;
        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [Name(handle)];
        public ImmutableArray<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [Name(handle)];
        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
