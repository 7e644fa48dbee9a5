//! The example value of a parameter or body: the smallest JSON value its schema's rules
//! allow, shaped like the Rust type it is decoded into (a tagged union carries its tag,
//! a struct its required properties).
//!
//! The type decides the shape, the rules ([`Check`]) the values: required properties
//! only (also `writeOnly` ones, which requests carry), strings meeting their `format`,
//! length and `pattern`, numbers inside their bounds and a multiple of `multipleOf`, the
//! first `enum` value, one array item (or `minItems`). What cannot be built is an `Err`
//! saying why, never a panic.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::pattern;
use crate::model::{
    Api, ArrayRule, Check, Format, IntType, IntegerRule, NumberRule, ObjectRule, Rule, StringRule,
    TypeDef, TypeKind, TypeRef, UnionVariant,
};

/// How deep a value may nest: a schema whose required properties lead back to itself has
/// no finite value.
const MAX_DEPTH: usize = 24;

/// Text for a string without `format`, `pattern` or `enum`.
const PLAIN: &str = "example";

/// Builds example values for the types and rules of one API.
pub(crate) struct Builder<'a> {
    api: &'a Api,
    types: HashMap<&'a str, &'a TypeDef>,
    /// The check of each component schema's type, by type name.
    components: HashMap<&'a str, &'a Check>,
}

impl<'a> Builder<'a> {
    /// A builder for `api`'s types.
    pub(crate) fn new(api: &'a Api) -> Self {
        let by_key: HashMap<&str, &Check> = api
            .rules
            .components
            .iter()
            .map(|component| (component.key.as_str(), &component.check))
            .collect();
        let components = api
            .types
            .iter()
            .filter_map(|def| {
                let key = def.origin.strip_prefix("components.schemas.")?;
                Some((def.name.as_str(), *by_key.get(key)?))
            })
            .collect();
        Builder {
            api,
            types: api
                .types
                .iter()
                .map(|def| (def.name.as_str(), def))
                .collect(),
            components,
        }
    }

    /// The example value of a `ty` whose schema has the rules `check` (`None` when only
    /// the type is known).
    pub(crate) fn value(&self, ty: &TypeRef, check: Option<&Check>) -> Result<Value, String> {
        self.typed(ty, check, 0)
    }

    /// Every rule `check` applies: references followed, `allOf` parts spread out.
    fn rules<'c>(&'c self, check: &'c Check) -> Vec<&'c Rule> {
        let mut out = Vec::new();
        self.collect(check, &mut out, 0);
        out
    }

    fn collect<'c>(&'c self, check: &'c Check, out: &mut Vec<&'c Rule>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &check.rule {
            Rule::Component(index) => {
                if let Some(component) = self.api.rules.components.get(*index) {
                    self.collect(&component.check, out, depth + 1);
                }
            }
            Rule::AllOf(parts) => {
                for part in parts {
                    self.collect(part, out, depth + 1);
                }
            }
            Rule::Any => {}
            other => out.push(other),
        }
    }

    fn typed(&self, ty: &TypeRef, check: Option<&Check>, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("its required properties nest without end (a recursive schema)".into());
        }
        let rules = check.map(|check| self.rules(check)).unwrap_or_default();
        if let Some(value) = listed(&rules) {
            return Ok(value);
        }
        match ty {
            TypeRef::Boxed(inner) | TypeRef::Nullable(inner) => self.typed(inner, check, depth),
            TypeRef::Named(name) => self.named(name, check, depth),
            TypeRef::String => string(&merged_string(&rules), None),
            TypeRef::Format(format) => string(&merged_string(&rules), Some(*format)),
            TypeRef::Bool => Ok(Value::Bool(false)),
            TypeRef::Integer(int) => integer(&merged_integer(&rules), *int),
            TypeRef::Number(_) => number(&merged_number(&rules)),
            TypeRef::Array(item) => {
                let rule = merged_array(&rules);
                let count = item_count(&rule)?;
                if count == 0 {
                    return Ok(Value::Array(Vec::new()));
                }
                let value = self
                    .typed(item, rule.items.as_deref(), depth + 1)
                    .map_err(|why| format!("its items: {why}"))?;
                Ok(Value::Array(vec![value; count]))
            }
            TypeRef::Map(value) => {
                let objects = objects(&rules);
                let additional = objects.iter().find_map(|object| match &object.additional {
                    crate::model::Additional::Schema(check) => Some(&**check),
                    _ => None,
                });
                let count = objects
                    .iter()
                    .filter_map(|object| object.min_properties)
                    .max()
                    .unwrap_or(0);
                let mut map = Map::new();
                for n in 0..count {
                    map.insert(
                        format!("key{}", n + 1),
                        self.typed(value, additional, depth + 1)?,
                    );
                }
                Ok(Value::Object(map))
            }
            TypeRef::Json => match check {
                Some(check) => self.untyped(check, depth),
                None => Ok(Value::Object(Map::new())),
            },
        }
    }

    fn named(&self, name: &str, check: Option<&Check>, depth: usize) -> Result<Value, String> {
        let def = self
            .types
            .get(name)
            .ok_or_else(|| format!("the type `{name}` is not generated"))?;
        let check = check.or_else(|| self.components.get(name).copied());
        let rules = check.map(|check| self.rules(check)).unwrap_or_default();
        match &def.kind {
            TypeKind::Alias(inner) | TypeKind::Newtype(inner) => {
                self.typed(inner, check, depth + 1)
            }
            TypeKind::StringEnum { variants } => variants
                .first()
                .map(|variant| Value::String(variant.wire_value.clone()))
                .ok_or_else(|| format!("the enum `{name}` lists no value")),
            TypeKind::IntegerEnum { variants, .. } => variants
                .first()
                .map(|variant| Value::from(variant.wire_value))
                .ok_or_else(|| format!("the enum `{name}` lists no value")),
            TypeKind::Union { tag, variants } => {
                self.union(name, tag.as_deref(), variants, &rules, depth)
            }
            TypeKind::Struct { fields, .. } => {
                let objects = objects(&rules);
                let required: Vec<&str> = objects
                    .iter()
                    .flat_map(|object| object.required.iter().map(String::as_str))
                    .collect();
                let minimum = objects
                    .iter()
                    .filter_map(|object| object.min_properties)
                    .max()
                    .unwrap_or(0);
                let mut map = Map::new();
                // Required properties first, then optional ones while `minProperties`
                // asks for more.
                for pass in [true, false] {
                    for field in fields {
                        let needed = field.required || required.contains(&&*field.wire_name);
                        if field.flatten {
                            if pass {
                                let value = self.typed(&field.ty, None, depth + 1)?;
                                if let Value::Object(members) = value {
                                    map.extend(members);
                                }
                            }
                            continue;
                        }
                        if needed != pass || (!pass && map.len() as u64 >= minimum) {
                            continue;
                        }
                        let property = objects.iter().find_map(|object| {
                            object
                                .properties
                                .iter()
                                .find(|(wire, _)| *wire == field.wire_name)
                                .map(|(_, check)| check)
                        });
                        let value = self
                            .typed(&field.ty, property, depth + 1)
                            .map_err(|why| format!("`{}`: {why}", field.wire_name))?;
                        map.insert(field.wire_name.clone(), value);
                    }
                }
                Ok(Value::Object(map))
            }
        }
    }

    /// The first alternative that has a value, with its tag when the union is tagged.
    fn union(
        &self,
        name: &str,
        tag: Option<&str>,
        variants: &[UnionVariant],
        rules: &[&Rule],
        depth: usize,
    ) -> Result<Value, String> {
        let alternatives = rules.iter().find_map(|rule| match rule {
            Rule::OneOf(list) | Rule::AnyOf(list) => Some(list),
            _ => None,
        });
        // The checks line up with the variants only when none was dropped (a `null`
        // alternative becomes the union's nullability).
        let alternatives = alternatives.filter(|list| list.len() == variants.len());
        let mut reasons = Vec::new();
        for (index, variant) in variants.iter().enumerate() {
            let check = alternatives
                .and_then(|list| list.get(index))
                .map(|(_, c)| c);
            match self.typed(&variant.ty, check, depth + 1) {
                Ok(mut value) => {
                    if let (Some(tag), Some(tag_value), Value::Object(map)) =
                        (tag, &variant.tag_value, &mut value)
                    {
                        map.insert(tag.to_owned(), Value::String(tag_value.clone()));
                    }
                    return Ok(value);
                }
                Err(why) => reasons.push(why),
            }
        }
        Err(reasons
            .into_iter()
            .next()
            .unwrap_or_else(|| format!("the union `{name}` has no alternative")))
    }

    /// A value from the rules alone (a schema that is `serde_json::Value` in Rust).
    fn untyped(&self, check: &Check, depth: usize) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("its required properties nest without end (a recursive schema)".into());
        }
        let rules = self.rules(check);
        if let Some(value) = listed(&rules) {
            return Ok(value);
        }
        // No values but `null` (the model's `enum: [null]`).
        if rules
            .iter()
            .any(|rule| matches!(rule, Rule::Values(values) if values.is_empty()))
        {
            return Ok(Value::Null);
        }
        for rule in &rules {
            match rule {
                Rule::String(_) => return string(&merged_string(&rules), None),
                Rule::Integer(_) => return integer(&merged_integer(&rules), IntType::I64),
                Rule::Number(_) => return number(&merged_number(&rules)),
                Rule::Boolean => return Ok(Value::Bool(false)),
                Rule::Array(_) => {
                    let rule = merged_array(&rules);
                    let count = item_count(&rule)?;
                    let item = match (&rule.items, count) {
                        (_, 0) => return Ok(Value::Array(Vec::new())),
                        (Some(items), _) => self.untyped(items, depth + 1)?,
                        (None, _) => Value::from(PLAIN),
                    };
                    return Ok(Value::Array(vec![item; count]));
                }
                Rule::OneOf(list) | Rule::AnyOf(list) => {
                    let mut first_reason = None;
                    for (_, alternative) in list {
                        match self.untyped(alternative, depth + 1) {
                            Ok(value) => return Ok(value),
                            Err(why) => {
                                first_reason.get_or_insert(why);
                            }
                        }
                    }
                    return Err(
                        first_reason.unwrap_or_else(|| "a union without alternatives".into())
                    );
                }
                _ => {}
            }
        }
        let mut map = Map::new();
        for object in objects(&rules) {
            for name in &object.required {
                let property = object
                    .properties
                    .iter()
                    .find(|(wire, _)| wire == name)
                    .map(|(_, check)| check);
                let value = match property {
                    Some(check) => self
                        .untyped(check, depth + 1)
                        .map_err(|why| format!("`{name}`: {why}"))?,
                    None => Value::from(PLAIN),
                };
                map.insert(name.clone(), value);
            }
        }
        Ok(Value::Object(map))
    }
}

/// The first value of an `enum` without a type (strings are kept as their text, other
/// values as JSON text).
fn listed(rules: &[&Rule]) -> Option<Value> {
    rules.iter().find_map(|rule| match rule {
        Rule::Values(values) => values
            .first()
            .map(|text| serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone()))),
        _ => None,
    })
}

fn objects<'c>(rules: &[&'c Rule]) -> Vec<&'c ObjectRule> {
    rules
        .iter()
        .filter_map(|rule| match rule {
            Rule::Object(object) => Some(object),
            _ => None,
        })
        .collect()
}

/// The tighter of two upper limits.
fn smaller(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The first of an `enum`'s values (JSON texts) that reads as JSON.
fn first_value(values: &Option<Vec<String>>) -> Option<Value> {
    values
        .iter()
        .flatten()
        .find_map(|text| serde_json::from_str(text).ok())
}

/// Every string rule as one: the tightest lengths, the first pattern, format and enum.
fn merged_string(rules: &[&Rule]) -> StringRule {
    let mut out = StringRule::default();
    for rule in rules {
        if let Rule::String(rule) = rule {
            out.min_length = out.min_length.max(rule.min_length);
            out.max_length = smaller(out.max_length, rule.max_length);
            out.pattern = out.pattern.take().or_else(|| rule.pattern.clone());
            out.format = out.format.or(rule.format);
            out.values = out.values.take().or_else(|| rule.values.clone());
        }
    }
    out
}

/// Every integer rule as one: the tightest bounds (exclusive bounds made inclusive).
fn merged_integer(rules: &[&Rule]) -> IntegerRule {
    let mut low: Option<i128> = None;
    let mut high: Option<i128> = None;
    let mut out = IntegerRule::default();
    for rule in rules {
        if let Rule::Integer(rule) = rule {
            if let Some(bound) = &rule.minimum {
                let value = bound.value + i128::from(bound.exclusive);
                low = Some(low.map_or(value, |low| low.max(value)));
            }
            if let Some(bound) = &rule.maximum {
                let value = bound.value - i128::from(bound.exclusive);
                high = Some(high.map_or(value, |high| high.min(value)));
            }
            out.multiple_of = out.multiple_of.or(rule.multiple_of);
            out.values = out.values.take().or_else(|| rule.values.clone());
        }
    }
    let bound = |value: i128| crate::model::Bound {
        value,
        text: value.to_string(),
        exclusive: false,
        implied: false,
    };
    out.minimum = low.map(bound);
    out.maximum = high.map(bound);
    out
}

fn merged_number(rules: &[&Rule]) -> NumberRule {
    let mut out = NumberRule::default();
    for rule in rules {
        if let Rule::Number(rule) = rule {
            if out.minimum.is_none() {
                out.minimum = rule.minimum.clone();
            }
            if out.maximum.is_none() {
                out.maximum = rule.maximum.clone();
            }
            out.multiple_of = out.multiple_of.or(rule.multiple_of);
            out.values = out.values.take().or_else(|| rule.values.clone());
        }
    }
    out
}

fn merged_array(rules: &[&Rule]) -> ArrayRule {
    let mut out = ArrayRule::default();
    for rule in rules {
        if let Rule::Array(rule) = rule {
            out.min_items = out.min_items.max(rule.min_items);
            out.max_items = smaller(out.max_items, rule.max_items);
            out.unique |= rule.unique;
            if out.items.is_none() {
                out.items = rule.items.clone();
            }
        }
    }
    out
}

/// One item, or `minItems`; none when `maxItems` is 0.
fn item_count(rule: &ArrayRule) -> Result<usize, String> {
    let count = rule.min_items.unwrap_or(0).max(1);
    let count = match rule.max_items {
        Some(max) if max < count => max,
        _ => count,
    };
    if count > 1 && rule.unique {
        return Err(format!(
            "`uniqueItems` with at least {count} items needs distinct items"
        ));
    }
    usize::try_from(count).map_err(|_| format!("`minItems` {count} is too many"))
}

/// A value in the format's syntax.
fn format_sample(format: Format) -> &'static str {
    match format {
        Format::Email => "user@example.com",
        Format::DateTime => "2024-01-01T00:00:00Z",
        Format::Date => "2024-01-01",
        Format::Uuid => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        Format::Uri => "https://example.com",
        Format::Ipv4 => "192.0.2.1",
        Format::Ipv6 => "2001:db8::1",
        Format::Hostname => "example.com",
        Format::Byte => "ZXhhbXBsZQ==",
    }
}

fn string(rule: &StringRule, typed: Option<Format>) -> Result<Value, String> {
    if let Some(value) = first_value(&rule.values) {
        return Ok(value);
    }
    let min = usize::try_from(rule.min_length.unwrap_or(0)).unwrap_or(usize::MAX);
    let max = rule
        .max_length
        .map(|max| usize::try_from(max).unwrap_or(usize::MAX));
    if let Some(format) = typed.or(rule.format) {
        let text = format_sample(format);
        let length = text.chars().count();
        if length < min || max.is_some_and(|max| length > max) {
            return Err(format!(
                "no `{}` example fits its length limits",
                format.as_str()
            ));
        }
        return Ok(Value::from(text));
    }
    if let Some(pattern) = rule.pattern.as_deref().filter(|p| !p.is_empty()) {
        return pattern::sample(pattern, min, max).map(Value::from);
    }
    let mut text: String = PLAIN.chars().take(max.unwrap_or(usize::MAX)).collect();
    while text.chars().count() < min {
        text.push('x');
    }
    Ok(Value::from(text))
}

/// Rust's range of each integer type.
fn int_range(int: IntType) -> (i128, i128) {
    match int {
        IntType::I8 => (i8::MIN.into(), i8::MAX.into()),
        IntType::I16 => (i16::MIN.into(), i16::MAX.into()),
        IntType::I32 => (i32::MIN.into(), i32::MAX.into()),
        IntType::I64 => (i64::MIN.into(), i64::MAX.into()),
        IntType::U8 => (0, u8::MAX.into()),
        IntType::U16 => (0, u16::MAX.into()),
        IntType::U32 => (0, u32::MAX.into()),
        IntType::U64 => (0, u64::MAX.into()),
    }
}

fn integer(rule: &IntegerRule, int: IntType) -> Result<Value, String> {
    if let Some(value) = first_value(&rule.values) {
        return Ok(value);
    }
    let (low, high) = int_range(int);
    let low = rule.minimum.as_ref().map_or(low, |b| b.value.max(low));
    let high = rule.maximum.as_ref().map_or(high, |b| b.value.min(high));
    let mut value = 0i128.clamp(low.min(high), high.max(low));
    if let Some(step) = rule.multiple_of.filter(|step| *step > 0) {
        let rest = value.rem_euclid(step);
        if rest != 0 {
            value += step - rest;
        }
    }
    if value < low || value > high {
        return Err(format!("no integer from {low} to {high} fits its rules"));
    }
    i64::try_from(value)
        .map(Value::from)
        .or_else(|_| u64::try_from(value).map(Value::from))
        .map_err(|_| format!("{value} is beyond a JSON integer"))
}

fn number(rule: &NumberRule) -> Result<Value, String> {
    if let Some(value) = first_value(&rule.values) {
        return Ok(value);
    }
    let above = |value: f64| {
        rule.minimum.as_ref().is_none_or(|b| {
            if b.exclusive {
                value > b.value
            } else {
                value >= b.value
            }
        })
    };
    let below = |value: f64| {
        rule.maximum.as_ref().is_none_or(|b| {
            if b.exclusive {
                value < b.value
            } else {
                value <= b.value
            }
        })
    };
    let step = rule.multiple_of.filter(|step| *step > 0.0);
    let snap = |value: f64| step.map_or(value, |step| (value / step).ceil() * step);
    let mut candidates = vec![0.0];
    if let Some(b) = &rule.minimum {
        candidates.push(b.value);
        candidates.push(b.value + step.unwrap_or(1.0));
    }
    if let (Some(low), Some(high)) = (&rule.minimum, &rule.maximum) {
        candidates.push((low.value + high.value) / 2.0);
    }
    if let Some(b) = &rule.maximum {
        candidates.push(b.value);
        candidates.push(b.value - step.unwrap_or(1.0));
    }
    candidates
        .into_iter()
        .map(snap)
        .find(|value| value.is_finite() && above(*value) && below(*value))
        .and_then(|value| {
            if value.fract() == 0.0 && value.abs() < 9.0e15 {
                Some(Value::from(value as i64))
            } else {
                serde_json::Number::from_f64(value).map(Value::Number)
            }
        })
        .ok_or_else(|| "no number fits its bounds".to_owned())
}

#[cfg(test)]
mod tests;
