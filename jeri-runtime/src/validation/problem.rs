//! What is wrong with a request: one [`Problem`] per broken rule of the spec.

use std::borrow::Cow;
use std::fmt;

/// The part of the request a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A path parameter.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie (in the `Cookie` header).
    Cookie,
    /// The request body.
    Body,
}

impl Place {
    /// OpenAPI's word for it: `path`, `query`, `header`, `cookie`, `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Path => "path",
            Place::Query => "query",
            Place::Header => "header",
            Place::Cookie => "cookie",
            Place::Body => "body",
        }
    }
}

/// One step from the top of a value (a parameter or the body) to the value at fault.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object property or a parameter, by its name on the wire.
    Key(Cow<'static, str>),
    /// An array item, from 0.
    Index(usize),
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(key) => f.write_str(key),
            Segment::Index(index) => write!(f, "{index}"),
        }
    }
}

/// The JSON type a value should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    /// `type: string`.
    String,
    /// `type: integer` (within the range of its `format`).
    Integer,
    /// `type: number`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// `type: object`.
    Object,
    /// `type: array`.
    Array,
}

impl Expected {
    /// OpenAPI's word for the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::String => "string",
            Expected::Integer => "integer",
            Expected::Number => "number",
            Expected::Boolean => "boolean",
            Expected::Object => "object",
            Expected::Array => "array",
        }
    }
}

/// The rule a value broke, with the spec's limit where there is one.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// Required (`required`, a required parameter or body) but absent.
    Missing,
    /// A property a closed object (`additionalProperties: false`) does not list.
    NotAllowed,
    /// The wrong JSON type, `null` where the schema is not `nullable`, or text that does
    /// not parse as the parameter's type.
    Type(Expected),
    /// Fewer characters than `minLength`.
    MinLength(u64),
    /// More characters than `maxLength`.
    MaxLength(u64),
    /// Does not match `pattern` (given as written in the spec).
    Pattern(&'static str),
    /// Not a valid value of `format` (given as written in the spec, e.g. `email`).
    Format(&'static str),
    /// Below `minimum` (as written in the spec, or the lowest value of the integer's
    /// `format`); `exclusive` for `exclusiveMinimum`.
    Minimum {
        /// The limit.
        limit: &'static str,
        /// Whether the limit itself is refused too.
        exclusive: bool,
    },
    /// Above `maximum` (as written, or the highest value of the integer's `format`).
    Maximum {
        /// The limit.
        limit: &'static str,
        /// Whether the limit itself is refused too.
        exclusive: bool,
    },
    /// Not a multiple of `multipleOf`.
    MultipleOf(&'static str),
    /// Not one of `enum` (values as JSON text, strings without quotes).
    Enum(&'static [&'static str]),
    /// Fewer items than `minItems`.
    MinItems(u64),
    /// More items than `maxItems`.
    MaxItems(u64),
    /// A repeated item where `uniqueItems: true`.
    UniqueItems,
    /// Fewer properties than `minProperties`.
    MinProperties(u64),
    /// More properties than `maxProperties`.
    MaxProperties(u64),
    /// Matches none, or more than one, of a `oneOf` (its alternatives' names, and how
    /// many matched).
    OneOf {
        /// The alternatives, by schema name or position.
        alternatives: &'static [&'static str],
        /// How many alternatives the value matched.
        matched: usize,
    },
    /// Matches none of an `anyOf`.
    AnyOf(&'static [&'static str]),
    /// The body was sent with another media type than the operation accepts.
    MediaType {
        /// The media type the operation accepts.
        expected: &'static str,
        /// The `content-type` sent, if any.
        sent: Option<String>,
    },
    /// The body is not JSON; the parser's reason.
    NotJson(String),
    /// The body or a parameter cannot be read at all (cut off, too large, not UTF-8); the
    /// reason.
    Unreadable(String),
}

/// One broken rule, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The part of the request.
    pub place: Place,
    /// From the parameter (or the body's top) down to the value at fault; empty for the
    /// body itself.
    pub path: Vec<Segment>,
    /// The rule.
    pub kind: ProblemKind,
}

impl Problem {
    /// The path with `.` between segments (`0.email`), or the place (`body`) when the
    /// problem is with the whole body.
    pub fn dotted(&self) -> String {
        if self.path.is_empty() {
            return self.place.as_str().to_owned();
        }
        let parts: Vec<String> = self.path.iter().map(Segment::to_string).collect();
        parts.join(".")
    }

    /// A JSON Pointer (RFC 6901) into the place: `/0/email`, or `` for the whole value.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            out.push('/');
            out.push_str(&segment.to_string().replace('~', "~0").replace('/', "~1"));
        }
        out
    }
}

/// `1 item`, `2 items`; `1 property`, `2 properties`.
fn plural(n: u64, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => noun.to_owned(),
        (_, Some(stem)) => format!("{stem}ies"),
        (_, None) => format!("{noun}s"),
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Missing => f.write_str("is required"),
            ProblemKind::NotAllowed => f.write_str("is not an allowed property"),
            ProblemKind::Type(expected) => write!(f, "must be of type {}", expected.as_str()),
            ProblemKind::MinLength(n) => {
                write!(f, "must be at least {n} {} long", plural(*n, "character"))
            }
            ProblemKind::MaxLength(n) => {
                write!(f, "must be at most {n} {} long", plural(*n, "character"))
            }
            ProblemKind::Pattern(pattern) => write!(f, "must match the pattern `{pattern}`"),
            ProblemKind::Format(format) => write!(f, "must be a valid `{format}`"),
            ProblemKind::Minimum { limit, exclusive } => {
                let op = if *exclusive { ">" } else { ">=" };
                write!(f, "must be {op} {limit}")
            }
            ProblemKind::Maximum { limit, exclusive } => {
                let op = if *exclusive { "<" } else { "<=" };
                write!(f, "must be {op} {limit}")
            }
            ProblemKind::MultipleOf(n) => write!(f, "must be a multiple of {n}"),
            ProblemKind::Enum(values) => write!(f, "must be one of: {}", values.join(", ")),
            ProblemKind::MinItems(n) => write!(f, "must have at least {n} {}", plural(*n, "item")),
            ProblemKind::MaxItems(n) => write!(f, "must have at most {n} {}", plural(*n, "item")),
            ProblemKind::UniqueItems => f.write_str("must not repeat items"),
            ProblemKind::MinProperties(n) => {
                write!(f, "must have at least {n} {}", plural(*n, "property"))
            }
            ProblemKind::MaxProperties(n) => {
                write!(f, "must have at most {n} {}", plural(*n, "property"))
            }
            ProblemKind::OneOf {
                alternatives,
                matched,
            } => write!(
                f,
                "must match exactly one of {} (matches {matched})",
                alternatives.join(", ")
            ),
            ProblemKind::AnyOf(alternatives) => {
                write!(f, "must match at least one of {}", alternatives.join(", "))
            }
            ProblemKind::MediaType { expected, sent } => match sent {
                Some(sent) => write!(f, "must be sent as {expected}, not {sent}"),
                None => write!(f, "must be sent as {expected}"),
            },
            ProblemKind::NotJson(reason) => write!(f, "is not valid JSON: {reason}"),
            ProblemKind::Unreadable(reason) => write!(f, "cannot be read: {reason}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.dotted(), self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(place: Place, path: Vec<Segment>, kind: ProblemKind) -> Problem {
        Problem { place, path, kind }
    }

    #[test]
    fn paths_read_as_dots_and_pointers() {
        let deep = problem(
            Place::Body,
            vec![Segment::Index(0), Segment::Key("a/b~c".into())],
            ProblemKind::Missing,
        );
        assert_eq!(deep.dotted(), "0.a/b~c");
        assert_eq!(deep.pointer(), "/0/a~1b~0c");
        assert_eq!(deep.to_string(), "0.a/b~c is required");
        let whole = problem(Place::Body, vec![], ProblemKind::Type(Expected::Array));
        assert_eq!(whole.dotted(), "body");
        assert_eq!(whole.pointer(), "");
        assert_eq!(whole.to_string(), "body must be of type array");
    }

    #[test]
    fn every_kind_says_what_to_send() {
        let cases = [
            (
                ProblemKind::Minimum {
                    limit: "1",
                    exclusive: false,
                },
                "must be >= 1",
            ),
            (
                ProblemKind::Maximum {
                    limit: "9",
                    exclusive: true,
                },
                "must be < 9",
            ),
            (ProblemKind::Enum(&["a", "b"]), "must be one of: a, b"),
            (
                ProblemKind::OneOf {
                    alternatives: &["A", "B"],
                    matched: 0,
                },
                "must match exactly one of A, B (matches 0)",
            ),
            (
                ProblemKind::MediaType {
                    expected: "application/json",
                    sent: Some("text/plain".into()),
                },
                "must be sent as application/json, not text/plain",
            ),
            (ProblemKind::Pattern("^a$"), "must match the pattern `^a$`"),
            (ProblemKind::Format("uuid"), "must be a valid `uuid`"),
        ];
        for (kind, text) in cases {
            assert_eq!(kind.to_string(), text);
        }
    }
}
