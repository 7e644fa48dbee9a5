//! Named types and type references: what `pub mod types` is generated from.

use super::{Docs, Format};

/// A named Rust type to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// PascalCase Rust name, unique across the API.
    pub name: String,
    /// Where the schema sits in the spec, e.g. `components.schemas.Customer` or
    /// `paths./v1/x.post.requestBody.content.application/json.schema`.
    pub origin: String,
    /// Docs from the schema.
    pub docs: Docs,
    /// What the type is.
    pub kind: TypeKind,
}

/// The shape of a generated type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object (with `allOf` members already merged in).
    Struct {
        /// Properties, in document order.
        fields: Vec<Field>,
        /// `additionalProperties` as a schema: extra keys are kept in a flattened map
        /// with this value type. `None` when the spec does not allow extra properties
        /// or leaves them unspecified.
        additional_properties: Option<TypeRef>,
        /// `additionalProperties: false`: decoding refuses properties the spec does not
        /// list (next to a flattened member too: then the generated `Deserialize` checks
        /// the keys). An object that says nothing ignores them instead.
        closed: bool,
    },
    /// A string enum; decoding accepts values not listed here (kept in the catch-all
    /// variant, [`UNKNOWN_VARIANT`]).
    StringEnum {
        /// The listed values.
        variants: Vec<EnumVariant>,
    },
    /// An integer enum; decoding accepts values not listed here (kept in the catch-all
    /// variant, [`UNKNOWN_VARIANT`]).
    IntegerEnum {
        /// The Rust type of the values.
        int: IntType,
        /// The listed values.
        variants: Vec<IntegerVariant>,
    },
    /// `oneOf` / `anyOf`.
    Union {
        /// `discriminator.propertyName`: internally tagged on this property when set,
        /// untagged otherwise.
        tag: Option<String>,
        /// The alternatives, in document order.
        variants: Vec<UnionVariant>,
    },
    /// Any other schema given a name (arrays, maps, primitives): a type alias.
    Alias(TypeRef),
    /// An array or map that contains itself (`Tree: {type: array, items: {$ref: Tree}}`):
    /// a type alias cannot refer to itself, so it is a struct around the value, the
    /// same on the wire (`#[serde(transparent)]`).
    Newtype(TypeRef),
}

impl TypeKind {
    /// The one value of a string enum that has exactly one: such a type is generated as
    /// the runtime's `Constant` (only that value decodes), not an open enum.
    pub fn constant_value(&self) -> Option<&str> {
        match self {
            TypeKind::StringEnum { variants } => match variants.as_slice() {
                [only] => Some(&only.wire_value),
                _ => None,
            },
            _ => None,
        }
    }
}

/// One property of a struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// snake_case Rust name (keywords escaped as raw identifiers or suffixed).
    pub rust_name: String,
    /// The property name on the wire.
    pub wire_name: String,
    /// The value type (without the `Option` that `required`/`nullable` add).
    pub ty: TypeRef,
    /// Listed in `required`, and neither `readOnly` nor `writeOnly`: a request never has to
    /// carry a property the server assigns, and a response never carries one only the
    /// client sends, so such a property is optional in the shared type.
    pub required: bool,
    /// `nullable: true` (or the referenced schema is nullable).
    pub nullable: bool,
    /// Not a property but an `allOf` member that is a union (`oneOf`/`anyOf`): its
    /// properties sit next to the struct's own on the wire (`#[serde(flatten)]`), and
    /// [`Field::wire_name`] is the member's place, such as `allOf[1]`.
    pub flatten: bool,
    /// The value is a credential: the property schema (or the schema it references) has
    /// `format: password` or `x-jeri-secret: true`. The struct's `Debug` hides it.
    pub secret: bool,
    /// The schema's `default` (or that of the schema it references), as JSON: an optional
    /// property left out of a response decodes as this value.
    pub default: Option<serde_json::Value>,
    /// Docs from the property schema.
    pub docs: Docs,
}

/// The name of an enum's catch-all variant, which holds a value the spec does not list.
/// The trailing `_` keeps it apart from every listed value's name: those are PascalCase
/// words, so a documented `UNKNOWN` is `Unknown`.
pub const UNKNOWN_VARIANT: &str = "Unknown_";

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// PascalCase Rust name, unique within the enum.
    pub rust_name: String,
    /// The value on the wire.
    pub wire_value: String,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntegerVariant {
    /// PascalCase Rust name, unique within the enum: from `x-enum-varnames` when the
    /// schema has it, else `N<value>` (`Minus<value>` below zero).
    pub rust_name: String,
    /// The value on the wire.
    pub wire_value: i64,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// PascalCase Rust name, unique within the union.
    pub rust_name: String,
    /// The alternative's type.
    pub ty: TypeRef,
    /// With a discriminator: the tag value that selects this variant (from
    /// `discriminator.mapping`, else the referenced schema's name).
    pub tag_value: Option<String>,
}

/// A reference to a Rust type, as used in fields, parameters, bodies and responses.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A generated type, by its [`TypeDef::name`].
    Named(String),
    /// `String`: a string without a format we map to a type (and every string with the
    /// `formats = strings` setting).
    String,
    /// A string whose `format` has a Rust type of its own (`date-time`, `date`, `uuid`,
    /// `byte`: [`Format::has_rust_type`]), reached through the runtime's re-exports.
    Format(Format),
    /// `bool`.
    Bool,
    /// An integer of the given Rust type.
    Integer(IntType),
    /// A floating point number of the given Rust type.
    Number(FloatType),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// `BTreeMap<String, T>` (`additionalProperties` on an object without properties).
    Map(Box<TypeRef>),
    /// `serde_json::Value`: free-form objects, schemas without a type, `{}`.
    Json,
    /// `Box<T>`: a reference that closes a cycle of types.
    Boxed(Box<TypeRef>),
    /// `Option<T>`: an array item, map value or union member that may be `null`
    /// (`nullable: true`). `None` is sent and read as `null`.
    Nullable(Box<TypeRef>),
}

/// Rust integer types for OpenAPI integer formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32` (`format: int32`)
    I32,
    /// `i64` (`format: int64`, and no format)
    I64,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32` (`format: uint32`)
    U32,
    /// `u64` (`format: uint64`)
    U64,
}

/// Rust float types for OpenAPI number formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatType {
    /// `f32` (`format: float`)
    F32,
    /// `f64` (`format: double`, and no format)
    F64,
}
