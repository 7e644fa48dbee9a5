//! The rules of schemas: what a value must be beyond its Rust type (lengths, patterns,
//! ranges, formats, array sizes, closed objects, nullability, enums).
//!
//! Read once, by the build stage, from every component schema, parameter and request
//! body; generated servers check them all, clients check parameters' limits before
//! sending, and docs state them in words.

use super::{Format, Limit};

/// The rules of the component schemas, and what reading them found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// One per component schema, in document order: a [`Rule::Component`] is an index here
    /// (so recursive schemas are fine).
    pub components: Vec<ComponentRule>,
    /// `pattern`s the `regex` crate cannot compile: a generated server cannot check them.
    pub bad_patterns: Vec<BadPattern>,
}

/// A component schema's rules.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentRule {
    /// The key in `components.schemas`.
    pub key: String,
    /// The check.
    pub check: Check,
}

/// A `pattern` that a generated server cannot compile.
#[derive(Debug, Clone, PartialEq)]
pub struct BadPattern {
    /// Where it is written (the schema's `pattern`).
    pub pointer: String,
    /// The pattern as written.
    pub pattern: String,
    /// Why the `regex` crate refuses it.
    pub error: String,
}

/// `pattern` (ECMA-262 syntax, as JSON Schema writes it) in the syntax generated servers
/// compile (`fancy-regex`, the `regex` crate's with look-around and backreferences): the
/// ECMA-only `[^]` (any character, line ends included) becomes `[\s\S]`. What the spec
/// wrote stays in the model; this is what is compiled.
pub fn rust_pattern(pattern: &str) -> std::borrow::Cow<'_, str> {
    if !pattern.contains("[^]") {
        return std::borrow::Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut escaped = false;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if !escaped && rest.starts_with("[^]") {
            out.push_str("[\\s\\S]");
            rest = &rest[3..];
            continue;
        }
        escaped = !escaped && c == '\\';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

impl Rules {
    /// Which component schemas hold a limit a client checks before sending (see
    /// [`Rules::has_limits`]), in themselves or through what they refer to: one flag per
    /// entry of [`Rules::components`].
    pub fn limited_components(&self) -> Vec<bool> {
        let mut limited = vec![false; self.components.len()];
        // Each round marks at least one more component or stops; references may loop.
        loop {
            let mut changed = false;
            for (index, component) in self.components.iter().enumerate() {
                if !limited[index] && self.has_limits(&component.check, &limited) {
                    limited[index] = true;
                    changed = true;
                }
            }
            if !changed {
                return limited;
            }
        }
    }

    /// Whether a value meeting its Rust type could still break `check`: a bound, a length,
    /// an item or property count, `uniqueItems` or an `enum` (an open enum's unknown value
    /// can be sent) anywhere in it, with `limited` from [`Rules::limited_components`] for
    /// references. What the Rust type already ensures (the JSON type, `required`
    /// properties, a closed object) and what a client leaves to the server (`pattern`,
    /// `format`) are not limits.
    pub fn has_limits(&self, check: &Check, limited: &[bool]) -> bool {
        match &check.rule {
            Rule::Any | Rule::Boolean => false,
            Rule::Component(index) => limited.get(*index).copied().unwrap_or(false),
            Rule::String(rule) => {
                rule.min_length.is_some() || rule.max_length.is_some() || rule.values.is_some()
            }
            Rule::Integer(rule) => {
                rule.declared_minimum().is_some()
                    || rule.declared_maximum().is_some()
                    || rule.multiple_of.is_some()
                    || rule.values.is_some()
            }
            Rule::Number(rule) => {
                rule.minimum.is_some()
                    || rule.maximum.is_some()
                    || rule.multiple_of.is_some()
                    || rule.values.is_some()
            }
            Rule::Values(_) => true,
            Rule::Array(rule) => {
                rule.min_items.is_some()
                    || rule.max_items.is_some()
                    || rule.unique
                    || rule
                        .items
                        .as_deref()
                        .is_some_and(|items| self.has_limits(items, limited))
            }
            Rule::Object(rule) => {
                rule.min_properties.is_some()
                    || rule.max_properties.is_some()
                    || rule
                        .properties
                        .iter()
                        .any(|(_, property)| self.has_limits(property, limited))
                    || matches!(&rule.additional, Additional::Schema(other) if self.has_limits(other, limited))
            }
            Rule::AllOf(parts) => parts.iter().any(|part| self.has_limits(part, limited)),
            Rule::OneOf(alternatives) | Rule::AnyOf(alternatives) => alternatives
                .iter()
                .any(|(_, alternative)| self.has_limits(alternative, limited)),
        }
    }

    /// Which component schemas the checks `roots` reach, through references at any depth:
    /// one flag per entry of [`Rules::components`].
    pub fn reached_from(&self, roots: &[&Check]) -> Vec<bool> {
        let mut reached = vec![false; self.components.len()];
        let mut pending: Vec<&Check> = roots.to_vec();
        while let Some(check) = pending.pop() {
            match &check.rule {
                Rule::Component(index) => {
                    if let Some(component) = self.components.get(*index)
                        && !std::mem::replace(&mut reached[*index], true)
                    {
                        pending.push(&component.check);
                    }
                }
                Rule::Array(rule) => pending.extend(rule.items.as_deref()),
                Rule::Object(rule) => {
                    pending.extend(rule.properties.iter().map(|(_, check)| check));
                    if let Additional::Schema(check) = &rule.additional {
                        pending.push(check);
                    }
                }
                Rule::AllOf(parts) => pending.extend(parts),
                Rule::OneOf(alternatives) | Rule::AnyOf(alternatives) => {
                    pending.extend(alternatives.iter().map(|(_, check)| check));
                }
                Rule::Any
                | Rule::String(_)
                | Rule::Integer(_)
                | Rule::Number(_)
                | Rule::Boolean
                | Rule::Values(_) => {}
            }
        }
        reached
    }

    /// The rule behind component references and single-part `allOf`s: the rule a value
    /// meets first. `None` for a combination of several rules, or a reference loop.
    pub fn leaf<'r>(&'r self, rule: &'r Rule) -> Option<&'r Rule> {
        let mut current = rule;
        for _ in 0..16 {
            current = match current {
                Rule::Component(index) => &self.components.get(*index)?.check.rule,
                Rule::AllOf(parts) => match parts.as_slice() {
                    [only] => &only.rule,
                    _ => return None,
                },
                other => return Some(other),
            };
        }
        None
    }

    /// The limits a client checks before sending a value with this check: the bounds of a
    /// number, the lengths of a string, the item counts of an array (`pattern` and formats
    /// are left to the server). A format's range is the Rust type's, not a limit.
    pub fn limits(&self, check: &Check) -> Vec<Limit> {
        let number = |minimum: Option<(f64, bool)>, maximum: Option<(f64, bool)>| {
            let low = minimum.map(|(bound, exclusive)| Limit::Minimum { bound, exclusive });
            let high = maximum.map(|(bound, exclusive)| Limit::Maximum { bound, exclusive });
            low.into_iter().chain(high).collect()
        };
        let counts = |min: Option<u64>,
                      max: Option<u64>,
                      low: fn(usize) -> Limit,
                      high: fn(usize) -> Limit| {
            let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
            min.map(|n| low(size(n)))
                .into_iter()
                .chain(max.map(|n| high(size(n))))
                .collect()
        };
        let listed = |values: &Option<Vec<String>>| values.clone().map(Limit::Listed);
        match self.leaf(&check.rule) {
            Some(Rule::Integer(rule)) => {
                let mut limits: Vec<Limit> = number(
                    rule.declared_minimum()
                        .map(|b| (b.value as f64, b.exclusive)),
                    rule.declared_maximum()
                        .map(|b| (b.value as f64, b.exclusive)),
                );
                limits.extend(listed(&rule.values));
                limits
            }
            Some(Rule::Number(rule)) => number(
                rule.minimum.as_ref().map(|b| (b.value, b.exclusive)),
                rule.maximum.as_ref().map(|b| (b.value, b.exclusive)),
            ),
            Some(Rule::String(rule)) => {
                let mut limits: Vec<Limit> = counts(
                    rule.min_length,
                    rule.max_length,
                    Limit::MinLength,
                    Limit::MaxLength,
                );
                limits.extend(listed(&rule.values));
                limits
            }
            Some(Rule::Array(rule)) => counts(
                rule.min_items,
                rule.max_items,
                Limit::MinItems,
                Limit::MaxItems,
            ),
            _ => Vec::new(),
        }
    }

    /// The limits of the value in words (`from 1 to 100`, `1 to 64 characters`, `matching
    /// `^[a-z]+$``, `at most 250 items`), `None` when it has none. References are followed
    /// when `follow` is set (a parameter's docs), not otherwise (a property's docs say the
    /// limits of its own schema, the referenced type's docs say its own).
    pub fn words(&self, check: &Check, follow: bool) -> Option<String> {
        let rule = if follow {
            self.leaf(&check.rule)?
        } else {
            match &check.rule {
                Rule::AllOf(parts) if parts.len() == 1 => &parts[0].rule,
                other => other,
            }
        };
        let mut parts = Vec::new();
        match rule {
            Rule::Integer(rule) => {
                parts.extend(bounds(rule.declared_minimum(), rule.declared_maximum()))
            }
            Rule::Number(rule) => {
                parts.extend(bounds(rule.minimum.as_ref(), rule.maximum.as_ref()))
            }
            Rule::String(rule) => {
                parts.extend(counted(rule.min_length, rule.max_length, "character"));
                if let Some(pattern) = rule.pattern.as_deref().filter(|p| !p.is_empty()) {
                    parts.push(format!("matching `{}`", pattern.replace('`', "'")));
                }
            }
            Rule::Array(rule) => parts.extend(counted(rule.min_items, rule.max_items, "item")),
            _ => {}
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

fn counted(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    match (min.filter(|&n| n > 0), max) {
        (Some(min), Some(max)) if min == max => {
            Some(format!("exactly {min} {unit}{}", plural(min)))
        }
        (Some(min), Some(max)) => Some(format!("{min} to {max} {unit}s")),
        (Some(min), None) => Some(format!("at least {min} {unit}{}", plural(min))),
        (None, Some(max)) => Some(format!("at most {max} {unit}{}", plural(max))),
        (None, None) => None,
    }
}

fn bounds<T>(minimum: Option<&Bound<T>>, maximum: Option<&Bound<T>>) -> Option<String> {
    let low = |b: &Bound<T>| {
        if b.exclusive {
            format!("greater than {}", b.text)
        } else {
            format!("at least {}", b.text)
        }
    };
    let high = |b: &Bound<T>| {
        if b.exclusive {
            format!("less than {}", b.text)
        } else {
            format!("at most {}", b.text)
        }
    };
    match (minimum, maximum) {
        (Some(min), Some(max)) if !min.exclusive && !max.exclusive => {
            Some(format!("from {} to {}", min.text, max.text))
        }
        (Some(min), Some(max)) => Some(format!("{}, {}", low(min), high(max))),
        (Some(min), None) => Some(low(min)),
        (None, Some(max)) => Some(high(max)),
        (None, None) => None,
    }
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
    /// The component schema with this index in [`Rules::components`].
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

/// A bound of a number: the value and how the spec wrote it (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Bound<T> {
    /// The limit.
    pub value: T,
    /// The limit as text.
    pub text: String,
    /// `exclusiveMinimum` / `exclusiveMaximum`.
    pub exclusive: bool,
    /// Not written in the spec: the range of an integer's `format` (which the generated
    /// Rust type holds anyway), so neither a client limit nor stated in docs.
    pub implied: bool,
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

impl IntegerRule {
    /// [`IntegerRule::minimum`] when the spec writes it.
    pub fn declared_minimum(&self) -> Option<&Bound<i128>> {
        self.minimum.as_ref().filter(|b| !b.implied)
    }

    /// [`IntegerRule::maximum`] when the spec writes it.
    pub fn declared_maximum(&self) -> Option<&Bound<i128>> {
        self.maximum.as_ref().filter(|b| !b.implied)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecma_any_character_classes_become_rust_ones() {
        assert_eq!(rust_pattern("^[a-z]+$"), "^[a-z]+$");
        // talon-one's header pattern; an escaped `\[^]` is left as written.
        assert_eq!(
            rust_pattern("^([^:,]*):([^]*|[^,]*)$"),
            "^([^:,]*):([\\s\\S]*|[^,]*)$"
        );
        assert_eq!(rust_pattern("a\\[^]"), "a\\[^]");
        assert!(fancy_regex::Regex::new(&rust_pattern("^([^:,]*):([^]*|[^,]*)$")).is_ok());
    }

    fn component(key: &str, rule: Rule) -> ComponentRule {
        ComponentRule {
            key: key.to_owned(),
            check: Check {
                nullable: false,
                rule,
            },
        }
    }

    fn refers(index: usize) -> Check {
        Check {
            nullable: false,
            rule: Rule::Component(index),
        }
    }

    #[test]
    fn reached_components_follow_references_through_every_kind_of_rule() {
        let object = ObjectRule {
            properties: vec![("a".to_owned(), refers(1))],
            required: Vec::new(),
            additional: Additional::Schema(Box::new(refers(2))),
            min_properties: None,
            max_properties: None,
        };
        let rules = Rules {
            components: vec![
                component("Root", Rule::Object(object)),
                // A loop back to the root ends the walk.
                component("Child", Rule::AllOf(vec![refers(0)])),
                component(
                    "Extra",
                    Rule::Array(ArrayRule {
                        items: Some(Box::new(refers(3))),
                        ..ArrayRule::default()
                    }),
                ),
                component("Item", Rule::OneOf(vec![("x".to_owned(), refers(4))])),
                component("Leaf", Rule::Boolean),
                component("Unreached", Rule::AnyOf(vec![("y".to_owned(), refers(0))])),
            ],
            bad_patterns: Vec::new(),
        };
        assert_eq!(
            rules.reached_from(&[&refers(0)]),
            [true, true, true, true, true, false]
        );
        assert_eq!(
            rules.reached_from(&[&Check::any()]),
            [false; 6],
            "a check without references reaches nothing"
        );
    }
}
