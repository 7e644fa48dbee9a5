//! OpenAPI 3.1 (and what 3.2 shares with it) → the OpenAPI 3.0 form, on the value.
//!
//! Schemas (JSON Schema 2020-12 as 3.1 uses it), in the 3.0 terms that mean the same:
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; a list of several types is
//!   an `anyOf` of one schema per type, each with the keywords of its type.
//! - `{type: "null"}` (or `const: null`) inside `anyOf`/`oneOf` makes the union nullable;
//!   a union left with one member is that member, nullable.
//! - `const: v` is `enum: [v]` (with the type of `v` when none is given): one allowed
//!   value, generated as a constant.
//! - `examples: [a, …]` gives `example: a`.
//! - A numeric `exclusiveMinimum: n` is `minimum: n` with `exclusiveMinimum: true`; the
//!   same for the maximum.
//! - `contentEncoding: base64` is `format: byte` (bytes, Base64 on the wire); a string
//!   with a `contentMediaType` and no encoding is `format: binary` (a file part in a
//!   multipart body, a `String` inside JSON).
//! - `$ref` with sibling keywords: `description` and the other annotations stay on the
//!   node (a sibling `description` overrides the target's); other siblings are a second
//!   `allOf` member next to the reference.
//! - `$defs` entries, anywhere, become component schemas (named after their key, made
//!   unique), and references into them follow.
//! - `prefixItems` (a tuple) is an array whose items are any of the listed schemas (one
//!   schema when they are all the same), at most as many as listed when `items: false`;
//!   which position holds which type is kept as documentation.
//! - `patternProperties` gives the extra properties' type (`additionalProperties`); the
//!   patterns are kept as documentation.
//! - `propertyNames`, `dependentRequired`, `dependentSchemas`, `if`/`then`/`else`,
//!   `unevaluatedProperties`/`unevaluatedItems`, `contains` and the like are read and
//!   kept as documentation on the schema: no Rust type expresses them and they are not
//!   checked.
//! - 3.0 keywords that 3.1 documents still carry (`nullable: true`, a boolean
//!   `exclusiveMinimum`) mean what they meant in 3.0.
//!
//! The document: `info.summary` leads the description; `license.identifier` is kept (and
//! gives the license URL when there is none); `jsonSchemaDialect` is kept as
//! `x-jsonSchemaDialect`; `webhooks` is kept as `x-webhooks` (converted like the rest;
//! the build stage reads it as the document's webhooks); `components.pathItems`
//! are read where `paths` refer to them; a document without `paths` has none.
//!
//! OpenAPI 3.2's own operations (the `query` method, `additionalOperations`) and
//! `in: querystring` parameters cannot be generated; each is an error naming it.

use serde_yaml::{Mapping, Value};

use super::PointerMap;
use super::defs::hoist_defs;
use super::schema_sites::each_schema;
use super::v32::report_v32_constructs;
use crate::diagnostics::{Diagnostics, child, index};

/// Annotations that stay on a `$ref` node rather than joining an `allOf` member.
const ANNOTATIONS: [&str; 11] = [
    "description",
    "title",
    "summary",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "nullable",
    "externalDocs",
];

/// Keywords read and kept as documentation: no Rust type expresses them.
const DOCUMENTATION_ONLY: [&str; 18] = [
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "contentSchema",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$dynamicRef",
    "$id",
    "$schema",
];

/// Keywords that belong to one JSON type, for splitting a list of types.
fn keyword_type(key: &str) -> Option<&'static str> {
    Some(match key {
        "format" | "pattern" | "minLength" | "maxLength" | "contentEncoding"
        | "contentMediaType" => "string",
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => "number",
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" => "array",
        "properties"
        | "required"
        | "additionalProperties"
        | "patternProperties"
        | "minProperties"
        | "maxProperties"
        | "discriminator" => "object",
        _ => return None,
    })
}

/// Rewrites a 3.1 (or 3.2) document into the 3.0 form in place; moved nodes are recorded
/// in `origins`, problems in `diag` (at pointers of the document as written).
pub(super) fn convert(
    doc: &mut Value,
    v32: bool,
    origins: &mut PointerMap,
    diag: &mut Diagnostics<'_>,
) {
    if v32 {
        report_v32_constructs(doc, diag);
        super::v32::item_schemas(doc, origins);
    }
    hoist_defs(doc, origins);
    each_schema(doc, &mut |schema, pointer| {
        convert_schema(schema, pointer, origins)
    });
    let Value::Mapping(root) = doc else { return };
    root.insert("openapi".into(), "3.0.3".into());
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    rename(root, "jsonSchemaDialect", "x-jsonSchemaDialect");
    if let Some(webhooks) = root.remove("webhooks") {
        origins.record("x-webhooks", "webhooks");
        root.insert("x-webhooks".into(), webhooks);
    }
    if let Some(Value::Mapping(info)) = root.get_mut("info") {
        if let Some(Value::String(summary)) = info.remove("summary") {
            let description = match info.get("description").and_then(Value::as_str) {
                Some(text) => format!("{summary}\n\n{text}"),
                None => summary,
            };
            info.insert("description".into(), description.into());
        }
        if let Some(Value::Mapping(license)) = info.get_mut("license")
            && let Some(Value::String(id)) = license.remove("identifier")
        {
            if !license.contains_key("url") {
                let url = format!("https://spdx.org/licenses/{id}.html");
                license.insert("url".into(), url.into());
            }
            license.insert("x-identifier".into(), id.into());
        }
    }
}

fn rename(map: &mut Mapping, from: &str, to: &str) {
    if let Some(value) = map.remove(from) {
        map.insert(to.into(), value);
    }
}

/// Appends what no 3.0 keyword holds to the schema's description, so it is shown in the
/// generated docs.
pub(super) fn keep_as_documentation(map: &mut Mapping, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    let mut text = map
        .get("description")
        .and_then(Value::as_str)
        .map(|d| format!("{d}\n\n"))
        .unwrap_or_default();
    text.push_str("JSON Schema keywords the Rust type does not express (not checked): ");
    text.push_str(&notes.join("; "));
    text.push('.');
    map.insert("description".into(), text.into());
}

fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// One schema, whose subschemas are converted already.
fn convert_schema(value: &mut Value, pointer: &str, origins: &mut PointerMap) {
    match value {
        Value::Bool(true) => *value = Value::Mapping(Mapping::new()),
        Value::Bool(false) => {
            let mut never = Mapping::new();
            never.insert("not".into(), Value::Mapping(Mapping::new()));
            *value = Value::Mapping(never);
        }
        Value::Mapping(map) => convert_object(map, pointer, origins),
        _ => {}
    }
}

fn convert_object(map: &mut Mapping, pointer: &str, origins: &mut PointerMap) {
    let mut notes = Vec::new();
    ref_siblings(map, pointer, origins);
    if let Some(Value::Sequence(examples)) = map.remove("examples")
        && !map.contains_key("example")
        && let Some(first) = examples.into_iter().next()
    {
        map.insert("example".into(), first);
    }
    constant(map, &mut notes);
    exclusive_bound(map, "exclusiveMinimum", "minimum", |bound, limit| {
        bound >= limit
    });
    exclusive_bound(map, "exclusiveMaximum", "maximum", |bound, limit| {
        bound <= limit
    });
    content(map, &mut notes);
    tuple(map, &mut notes);
    pattern_properties(map, &mut notes);
    for key in DOCUMENTATION_ONLY {
        if let Some(value) = map.remove(key) {
            notes.push(format!("`{key}`: `{}`", json_text(&value)));
        }
    }
    null_members(map);
    types(map, pointer, origins);
    keep_as_documentation(map, &notes);
}

/// `{$ref, siblings…}`: annotations stay, other keywords join as an `allOf` member.
fn ref_siblings(map: &mut Mapping, pointer: &str, origins: &mut PointerMap) {
    if map.len() < 2 || !map.contains_key("$ref") {
        return;
    }
    let Some(reference) = map.remove("$ref") else {
        return;
    };
    let mut target = Mapping::new();
    target.insert("$ref".into(), reference);
    let mut members = vec![Value::Mapping(target)];
    let mut constraints = Mapping::new();
    let keys: Vec<Value> = map.keys().cloned().collect();
    for key in keys {
        let name = key.as_str().unwrap_or_default();
        if ANNOTATIONS.contains(&name) || name.starts_with("x-") {
            continue;
        }
        if let Some(value) = map.remove(&key) {
            constraints.insert(key, value);
        }
    }
    if !constraints.is_empty() {
        members.push(Value::Mapping(constraints));
    }
    for i in 0..members.len() {
        origins.record(index(&child(pointer, "allOf"), i), pointer);
    }
    if let Some(Value::String(summary)) = map.remove("summary")
        && !map.contains_key("description")
    {
        map.insert("description".into(), summary.into());
    }
    map.insert("allOf".into(), Value::Sequence(members));
}

/// `const: v` → `enum: [v]`, typed after `v`.
fn constant(map: &mut Mapping, notes: &mut Vec<String>) {
    let Some(value) = map.remove("const") else {
        return;
    };
    let ty = match &value {
        Value::Null => {
            map.insert("nullable".into(), true.into());
            return;
        }
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        other => {
            notes.push(format!("`const`: `{}`", json_text(other)));
            return;
        }
    };
    if !map.contains_key("type") {
        map.insert("type".into(), ty.into());
    }
    map.insert("enum".into(), Value::Sequence(vec![value]));
}

/// A numeric `exclusiveMinimum: n` (3.1) → `minimum: n, exclusiveMinimum: true` (3.0),
/// unless a `minimum` the value must also meet is stricter.
fn exclusive_bound(
    map: &mut Mapping,
    exclusive: &str,
    inclusive: &str,
    stricter: impl Fn(f64, f64) -> bool,
) {
    let Some(Value::Number(bound)) = map.get(exclusive).cloned() else {
        return;
    };
    map.remove(exclusive);
    let limit = map.get(inclusive).and_then(Value::as_f64);
    let bound_f = bound.as_f64().unwrap_or_default();
    if limit.is_none_or(|limit| stricter(bound_f, limit)) {
        map.insert(inclusive.into(), Value::Number(bound));
        map.insert(exclusive.into(), true.into());
    }
}

/// `contentEncoding` and `contentMediaType` on a string.
fn content(map: &mut Mapping, notes: &mut Vec<String>) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if encoding.is_none() && media.is_none() {
        return;
    }
    let format = match encoding.as_ref().and_then(Value::as_str) {
        Some("base64") => Some("byte"),
        Some(other) => {
            notes.push(format!("`contentEncoding`: `{other}`"));
            None
        }
        None => Some("binary"),
    };
    if let Some(media) = &media {
        notes.push(format!("`contentMediaType`: `{}`", json_text(media)));
    }
    let string = map.get("type").is_none_or(|t| t.as_str() == Some("string"));
    if string && let Some(format) = format {
        map.insert("type".into(), "string".into());
        if !map.contains_key("format") {
            map.insert("format".into(), format.into());
        }
    }
}

/// `prefixItems` (or a list under `items`) and `items: false`.
fn tuple(map: &mut Mapping, notes: &mut Vec<String>) {
    let listed = match map.remove("prefixItems") {
        Some(Value::Sequence(items)) => Some(items),
        Some(_) | None => None,
    };
    let (listed, rest) = match (listed, map.remove("items")) {
        (Some(listed), rest) => (listed, rest),
        (None, Some(Value::Sequence(items))) => (items, map.remove("additionalItems")),
        (None, Some(Value::Bool(false))) => {
            map.insert("maxItems".into(), 0.into());
            map.insert("items".into(), Value::Mapping(Mapping::new()));
            return;
        }
        (None, Some(Value::Bool(true))) => {
            map.insert("items".into(), Value::Mapping(Mapping::new()));
            return;
        }
        (None, Some(items)) => {
            map.insert("items".into(), items);
            return;
        }
        (None, None) => return,
    };
    let closed = matches!(rest, Some(Value::Bool(false)));
    let mut members: Vec<Value> = Vec::new();
    for item in listed.iter().chain(rest.iter().filter(|r| r.is_mapping())) {
        if !members.contains(item) {
            members.push(item.clone());
        }
    }
    notes.push(format!(
        "a tuple: items in order `{}`{}",
        json_text(&Value::Sequence(listed.clone())),
        if closed { ", and no more" } else { "" }
    ));
    let items = any_of(members).unwrap_or_else(|| Value::Mapping(Mapping::new()));
    map.insert("items".into(), items);
    map.entry("type".into()).or_insert_with(|| "array".into());
    if closed && !map.contains_key("maxItems") {
        map.insert("maxItems".into(), listed.len().into());
    }
}

/// `patternProperties`: the extra properties' type; the patterns as documentation.
fn pattern_properties(map: &mut Mapping, notes: &mut Vec<String>) {
    let Some(Value::Mapping(patterns)) = map.remove("patternProperties") else {
        return;
    };
    notes.push(format!(
        "`patternProperties`: `{}`",
        json_text(&Value::Mapping(patterns.clone()))
    ));
    let mut members: Vec<Value> = Vec::new();
    if let Some(extra @ Value::Mapping(_)) = map.get("additionalProperties") {
        members.push(extra.clone());
    }
    for (_, schema) in patterns {
        if !members.contains(&schema) {
            members.push(schema);
        }
    }
    if let Some(extra) = any_of(members) {
        map.insert("additionalProperties".into(), extra);
    }
}

/// A value of any of `members`: the one schema, or their `anyOf`; `None` without any.
fn any_of(mut members: Vec<Value>) -> Option<Value> {
    match members.len() {
        0 => None,
        1 => Some(members.remove(0)),
        _ => {
            let mut any = Mapping::new();
            any.insert("anyOf".into(), Value::Sequence(members));
            Some(Value::Mapping(any))
        }
    }
}

/// Whether a (converted) union member says only "null".
fn is_null_member(member: &Value) -> bool {
    let Value::Mapping(map) = member else {
        return false;
    };
    let null_type = map.get("type").and_then(Value::as_str) == Some("null");
    let nullable = map.get("nullable") == Some(&Value::Bool(true));
    let null_enum = map.get("enum") == Some(&Value::Sequence(vec![Value::Null]));
    (null_type || nullable || null_enum)
        && map.iter().all(|(key, _)| {
            matches!(
                key.as_str(),
                Some("type" | "nullable" | "enum" | "description" | "title")
            )
        })
}

/// `{type: "null"}` members of `anyOf`/`oneOf` → `nullable: true` on the union; a union
/// of one member then is that member.
fn null_members(map: &mut Mapping) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(members)) = map.get_mut(keyword) else {
            continue;
        };
        let before = members.len();
        members.retain(|m| !is_null_member(m));
        if members.len() == before {
            continue;
        }
        map.insert("nullable".into(), true.into());
        let single = match map.get(keyword) {
            Some(Value::Sequence(members)) if members.len() == 1 => members[0].clone(),
            Some(Value::Sequence(members)) if members.is_empty() => {
                map.remove(keyword);
                continue;
            }
            _ => continue,
        };
        let structural = [
            "type",
            "properties",
            "items",
            "allOf",
            "anyOf",
            "oneOf",
            "enum",
        ];
        let others = structural
            .iter()
            .filter(|k| **k != keyword)
            .any(|k| map.contains_key(*k));
        if others || map.contains_key("discriminator") {
            continue;
        }
        map.remove(keyword);
        match single {
            Value::Mapping(member) if member.contains_key("$ref") => {
                map.insert(
                    "allOf".into(),
                    Value::Sequence(vec![Value::Mapping(member)]),
                );
            }
            Value::Mapping(member) => {
                // The union's own annotations win over the member's.
                for (key, value) in member {
                    if !map.contains_key(&key) {
                        map.insert(key, value);
                    }
                }
            }
            other => {
                map.insert("allOf".into(), Value::Sequence(vec![other]));
            }
        }
    }
}

/// `type` as a list (or `"null"`): `nullable`, and one schema per type when there are
/// several.
fn types(map: &mut Mapping, pointer: &str, origins: &mut PointerMap) {
    let names: Vec<String> = match map.get("type") {
        Some(Value::Sequence(list)) => list
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(name)) if name == "null" => vec![name.clone()],
        _ => return,
    };
    map.remove("type");
    if names.iter().any(|n| n == "null") {
        map.insert("nullable".into(), true.into());
    }
    let mut kinds: Vec<String> = names.into_iter().filter(|n| n != "null").collect();
    kinds.dedup();
    match kinds.len() {
        0 => {}
        1 => {
            map.insert("type".into(), kinds.remove(0).into());
        }
        _ => split_types(map, &kinds, pointer, origins),
    }
}

/// One `anyOf` member per type, each with its type's keywords; the rest stays.
fn split_types(map: &mut Mapping, kinds: &[String], pointer: &str, origins: &mut PointerMap) {
    let mut members = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let mut member = Mapping::new();
        member.insert("type".into(), kind.as_str().into());
        let family = if kind == "integer" {
            "number"
        } else {
            kind.as_str()
        };
        for (key, value) in map.iter() {
            if keyword_type(key.as_str().unwrap_or_default()) == Some(family) {
                member.insert(key.clone(), value.clone());
            }
        }
        if let Some(Value::Sequence(values)) = map.get("enum") {
            let fitting: Vec<Value> = values
                .iter()
                .filter(|v| value_type_fits(v, kind))
                .cloned()
                .collect();
            if !fitting.is_empty() {
                member.insert("enum".into(), Value::Sequence(fitting));
            }
        }
        origins.record(index(&child(pointer, "anyOf"), i), pointer);
        members.push(Value::Mapping(member));
    }
    let keys: Vec<Value> = map.keys().cloned().collect();
    for key in keys {
        let name = key.as_str().unwrap_or_default();
        if keyword_type(name).is_some() || name == "enum" {
            map.remove(&key);
        }
    }
    map.insert("anyOf".into(), Value::Sequence(members));
}

fn value_type_fits(value: &Value, kind: &str) -> bool {
    match value {
        Value::String(_) => kind == "string",
        Value::Bool(_) => kind == "boolean",
        Value::Number(n) => kind == "number" || (kind == "integer" && (n.is_i64() || n.is_u64())),
        Value::Sequence(_) => kind == "array",
        Value::Mapping(_) => kind == "object",
        _ => false,
    }
}
