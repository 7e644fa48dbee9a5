//! The validation model: what the spec says a request must be, beyond its Rust types
//! (lengths, patterns, ranges, formats, array sizes, closed objects, nullability, enums).
//!
//! Built from the document by [`build`], next to the type model and independent of it, and
//! read by the server generator, which turns each [`Check`] into straight-line code.

mod build;

pub use build::build;

/// Every check a generated server makes.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// One per component schema, in document order: each becomes a function that
    /// references call (so recursive schemas are fine).
    pub components: Vec<ComponentCheck>,
    /// One per model operation, in the same order.
    pub operations: Vec<OperationChecks>,
}

/// A component schema's check.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentCheck {
    /// The key in `components.schemas`.
    pub key: String,
    /// The check.
    pub check: Check,
}

/// The checks of one operation's inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationChecks {
    /// One per model parameter, in the same order.
    pub params: Vec<Check>,
    /// The JSON request body's schema.
    pub body: Option<Check>,
}

/// What one value must be.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// `nullable: true`: `null` passes.
    pub nullable: bool,
    /// The rule for any other value.
    pub rule: Rule,
}

impl Check {
    /// A value that may be anything.
    pub fn any() -> Check {
        Check {
            nullable: true,
            rule: Rule::Any,
        }
    }
}

/// The rule for a non-null value.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Anything (a schema without constraints, or one the server cannot check).
    Any,
    /// The component schema with this index in [`Validation::components`].
    Component(usize),
    /// `type: string`.
    String(StringRule),
    /// `type: integer`.
    Integer(IntegerRule),
    /// `type: number`.
    Number(NumberRule),
    /// `type: boolean`.
    Boolean,
    /// `type: array`.
    Array(ArrayRule),
    /// `type: object` (or `properties` without a type).
    Object(ObjectRule),
    /// An `enum` without a type: one of these JSON values (as JSON text).
    Values(Vec<String>),
    /// `allOf`, or several rules on one schema: all must pass.
    AllOf(Vec<Check>),
    /// `oneOf`: exactly one must pass; each with a name for messages.
    OneOf(Vec<(String, Check)>),
    /// `anyOf`: at least one must pass.
    AnyOf(Vec<(String, Check)>),
}

/// A string's constraints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringRule {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern`, as written.
    pub pattern: Option<String>,
    /// A `format` the server checks; `None` for formats it does not check.
    pub format: Option<Format>,
    /// `enum`, without `null`.
    pub values: Option<Vec<String>>,
}

/// String formats with a check in the server runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `email`.
    Email,
    /// `date-time`.
    DateTime,
    /// `date`.
    Date,
    /// `uuid`.
    Uuid,
    /// `uri` and `url`.
    Uri,
    /// `ipv4`.
    Ipv4,
    /// `ipv6`.
    Ipv6,
    /// `hostname`.
    Hostname,
    /// `byte` (Base64).
    Byte,
}

impl Format {
    /// The format for a `format` value, when the server checks it.
    pub fn from_spec(format: &str) -> Option<Format> {
        Some(match format {
            "email" => Format::Email,
            "date-time" => Format::DateTime,
            "date" => Format::Date,
            "uuid" => Format::Uuid,
            "uri" | "url" => Format::Uri,
            "ipv4" => Format::Ipv4,
            "ipv6" => Format::Ipv6,
            "hostname" => Format::Hostname,
            "byte" => Format::Byte,
            _ => return None,
        })
    }

    /// The `format` value as the spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::DateTime => "date-time",
            Format::Date => "date",
            Format::Uuid => "uuid",
            Format::Uri => "uri",
            Format::Ipv4 => "ipv4",
            Format::Ipv6 => "ipv6",
            Format::Hostname => "hostname",
            Format::Byte => "byte",
        }
    }
}

/// A bound of a number: the value and how the spec wrote it (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Bound<T> {
    /// The limit.
    pub value: T,
    /// The limit as text.
    pub text: String,
    /// `exclusiveMinimum` / `exclusiveMaximum`.
    pub exclusive: bool,
}

/// An integer's constraints; the bounds include the range of its `format`, which the
/// generated Rust type can hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntegerRule {
    /// The lowest value allowed.
    pub minimum: Option<Bound<i128>>,
    /// The highest value allowed.
    pub maximum: Option<Bound<i128>>,
    /// `multipleOf`.
    pub multiple_of: Option<i128>,
    /// `enum`, as JSON text.
    pub values: Option<Vec<String>>,
}

/// A number's constraints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberRule {
    /// `minimum`.
    pub minimum: Option<Bound<f64>>,
    /// `maximum`.
    pub maximum: Option<Bound<f64>>,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `enum`, as JSON text.
    pub values: Option<Vec<String>>,
}

/// An array's constraints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArrayRule {
    /// `items`.
    pub items: Option<Box<Check>>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique: bool,
}

/// An object's constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectRule {
    /// `properties`, in document order.
    pub properties: Vec<(String, Check)>,
    /// `required`, without `readOnly` properties (a request does not send those).
    pub required: Vec<String>,
    /// What other properties may be.
    pub additional: Additional,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
}

/// `additionalProperties`.
#[derive(Debug, Clone, PartialEq)]
pub enum Additional {
    /// Absent or `true`: anything.
    Any,
    /// `false`: the object is closed.
    Closed,
    /// A schema every other property must match.
    Schema(Box<Check>),
}
