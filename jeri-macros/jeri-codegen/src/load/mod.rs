//! Source text → `openapiv3::OpenAPI`, with version checks and located parse errors.
//!
//! Three versions of the format are read: OpenAPI 3.0 as written; OpenAPI 3.1 (and what
//! 3.2 shares with it) and Swagger 2.0 by converting the document, as a value, into the
//! OpenAPI 3.0 form that the rest of the pipeline reads (`load/v31.rs`, `load/swagger2.rs`).
//!
//! Why convert rather than parse each version: no Rust crate parses 3.1 or 2.0 into a
//! structure that keeps where each node was written (`openapiv3` reads 3.0 only; the
//! crates that read 3.1 or 2.0 give no locations either, and none reads both), and the
//! model, checks and generators are written against one structure. The conversion works
//! on the value, where every node's place is known, and records each node it moves in a
//! [`PointerMap`]: an error a later stage reports inside a moved node is shown at the
//! pointer, and the line, of the document as written ([`Diagnostics::set_origins`]).
//! What the 3.0 form has no place for is kept as documentation on the node it belongs
//! to (see each converter).

mod defs;
mod pointer_map;
mod schema_sites;
mod swagger2;
mod v31;
mod v32;

pub use pointer_map::PointerMap;

mod lenient;
pub mod pointer_refs;
pub mod skip;

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::diagnostics::locate;
use crate::diagnostics::{Diagnostics, SpecError};

/// The version of the format a document is written in, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    /// OpenAPI 3.0.x: read as written.
    V30,
    /// OpenAPI 3.1.x: converted.
    V31,
    /// OpenAPI 3.2.x: what it shares with 3.1 is converted; its own constructs are
    /// reported.
    V32,
    /// Swagger 2.0: converted.
    Swagger2,
}

/// Parses the spec; `None` (with errors recorded) when it cannot be used at all.
///
/// A JSON document that needs no rewriting is read directly ([`plain_json`]). Any other
/// text is read into a value first, so that what real documents contain does not
/// stop the load: YAML anchors, aliases and merge keys (`<<`) are resolved, and the
/// constructs [`tolerate`] rewrites are read the documented way; `$ref`s to any other node
/// than a named component are read as that node ([`crate::load::pointer_refs`]).
pub fn load(source: &str, diag: &mut Diagnostics<'_>) -> Option<OpenAPI> {
    if locate::is_json(source)
        && let Some(doc) = plain_json(source)
    {
        return Some(doc);
    }
    load_general(source, diag)
}

/// [`load`] without the shortcut for plain JSON: the way every document can take.
pub fn load_general(source: &str, diag: &mut Diagnostics<'_>) -> Option<OpenAPI> {
    let json = locate::is_json(source);
    let mut value = if json {
        parse_json(source, diag)?
    } else {
        parse_yaml(source, diag)?
    };
    let version = check_version(&value, diag)?;
    if value.apply_merge().is_err() {
        diag.error(
            "",
            "a YAML merge key (`<<`) does not point at a mapping",
            "merge only mappings (`<<: *anchor` where the anchor is a mapping)",
        );
        return None;
    }
    let mut origins = PointerMap::default();
    match version {
        Version::V30 => {}
        Version::V31 | Version::V32 => {
            v31::convert(&mut value, version == Version::V32, &mut origins, diag)
        }
        Version::Swagger2 => swagger2::convert(&mut value, &mut origins, diag),
    }
    if version != Version::V30 {
        // Errors from here on are at pointers of the converted document.
        diag.set_origins(origins);
    }
    tolerate(&mut value);
    crate::load::pointer_refs::inline(&mut value, diag);
    if version != Version::V30 {
        return parse_converted(value, version, diag);
    }
    // openapiv3's `ReferenceOr` deserializer has an `expect` that some malformed inputs
    // reach; a panic here must become an error, not a crashed macro.
    let parsed = std::panic::catch_unwind(move || {
        serde_yaml::from_value::<OpenAPI>(value).map_err(|e| e.to_string())
    })
    .unwrap_or_else(|_| Err("a part of it has a shape the OpenAPI parser cannot read".to_owned()));
    match parsed {
        Ok(doc) => Some(doc),
        Err(error) => {
            let (line, message) =
                locate_structure_error(source, json).unwrap_or((None, strip_location(&error)));
            diag.push(SpecError {
                pointer: String::new(),
                line,
                message: format!("the document is not a valid OpenAPI 3.0 description: {message}"),
                help: "check this part of the spec against the OpenAPI 3.0 specification \
                       (https://spec.openapis.org/oas/v3.0.3)"
                    .to_owned(),
            });
            None
        }
    }
}

/// Reads `value` as a `T` found at `pointer`; an error is the (dotted) pointer where the
/// parser stopped and its message.
fn parse_at<T: serde::de::DeserializeOwned>(
    value: Value,
    pointer: &str,
) -> Result<T, (String, String)> {
    std::panic::catch_unwind(move || {
        serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = if path == "." { String::new() } else { path };
            let at = match (pointer.is_empty(), inner.is_empty()) {
                (_, true) => pointer.to_owned(),
                (true, false) => inner,
                (false, false) => format!("{pointer}.{inner}"),
            };
            (at, strip_location(&e.inner().to_string()))
        })
    })
    .unwrap_or_else(|_| {
        Err((
            pointer.to_owned(),
            "a part of it has a shape the OpenAPI parser cannot read".to_owned(),
        ))
    })
}

/// Parses a converted document. Its text is not the document parsed, so the place of a
/// structure error is the path the parser was at, which the pointer map turns into the
/// place in the document as written.
fn parse_converted(value: Value, version: Version, diag: &mut Diagnostics<'_>) -> Option<OpenAPI> {
    let paths = value.get("paths").cloned();
    let parsed = parse_at::<OpenAPI>(value, "").map_err(|(path, message)| {
        // The parser's path stops at `paths` (a flattened map): the path item that fails
        // on its own is the place.
        let within = (path == "paths")
            .then_some(paths)
            .flatten()
            .and_then(|paths| {
                let Value::Mapping(items) = paths else {
                    return None;
                };
                items.into_iter().find_map(|(key, item)| {
                    let at = crate::diagnostics::child("paths", key.as_str()?);
                    parse_at::<openapiv3::PathItem>(item, &at).err()
                })
            });
        within.unwrap_or((path, message))
    });
    match parsed {
        Ok(doc) => Some(doc),
        Err((path, message)) => {
            let (name, spec) = match version {
                Version::Swagger2 => ("Swagger 2.0", "https://spec.openapis.org/oas/v2.0"),
                Version::V32 => ("OpenAPI 3.2", "https://spec.openapis.org/oas/v3.2.0"),
                _ => ("OpenAPI 3.1", "https://spec.openapis.org/oas/v3.1.1"),
            };
            diag.error(
                &path,
                format!("the document is not a valid {name} description: {message}"),
                format!("check this part of the spec against the {name} specification ({spec})"),
            );
            None
        }
    }
}

/// A JSON document that needs nothing of what [`load`] does besides parsing, read
/// straight into the OpenAPI structure: half the time of reading it into a value first,
/// and the macro runs unoptimized in a debug build, on every rebuild after a spec edit.
///
/// `None` sends the document the general way, which also reports every problem: when
/// the text may hold what [`tolerate`], merge keys or [`crate::load::pointer_refs`] rewrite
/// (a `"null"` string, a `"<<"` key, a `$ref` other than `#/components/<kind>/<Name>`, a
/// bound that is not an `i64`),
/// names another version (`"swagger"`, an `openapi` not 3.0), or does not parse.
pub fn plain_json(source: &str) -> Option<OpenAPI> {
    let rewritten = ["\"null\"", "\"<<\"", "\"swagger\""]
        .iter()
        .any(|text| source.contains(text));
    let only_component_refs = source
        .match_indices("\"$ref\"")
        .all(|(at, key)| component_ref_value(&source[at + key.len()..]));
    let integer_bounds = ["\"minimum\"", "\"maximum\"", "\"multipleOf\""]
        .iter()
        .all(|name| {
            source
                .match_indices(name)
                .all(|(at, key)| integer_value(&source[at + key.len()..]))
        });
    if rewritten || !only_component_refs || !integer_bounds {
        return None;
    }
    let doc = std::panic::catch_unwind(|| serde_json::from_str::<OpenAPI>(source).ok())
        .ok()
        .flatten()?;
    doc.openapi.starts_with("3.0").then_some(doc)
}

/// Whether the text after a `"$ref"` key is `: "#/components/<kind>/<Name>"`, with no
/// escapes in the string.
fn component_ref_value(rest: &str) -> bool {
    let Some(rest) = value_after_key(rest) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix('"') else {
        return false;
    };
    let Some(end) = rest.find('"') else {
        return false;
    };
    let reference = &rest[..end];
    !reference.contains('\\') && crate::load::pointer_refs::is_named_component(reference)
}

/// Whether the text after a bound's key is `: <integer>` within `i64`: a fraction or a
/// larger number is what [`tolerate`] moves aside where the schema is an integer.
fn integer_value(rest: &str) -> bool {
    let Some(rest) = value_after_key(rest) else {
        return false;
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    let after = rest[end..].chars().next();
    !matches!(after, Some('.' | 'e' | 'E')) && rest[..end].parse::<i64>().is_ok()
}

/// The text of the value after a key (`: value…` → `value…`); `None` when no `:`
/// follows, as where the key's text is a value itself.
fn value_after_key(rest: &str) -> Option<&str> {
    rest.trim_start().strip_prefix(':').map(str::trim_start)
}

/// The parser's own message and line for a document that does not fit OpenAPI's
/// structure, from reading the text again (a value has no lines).
fn locate_structure_error(source: &str, json: bool) -> Option<(Option<usize>, String)> {
    std::panic::catch_unwind(|| {
        if json {
            serde_json::from_str::<OpenAPI>(source).err().map(|e| {
                let line = (e.line() > 0).then_some(e.line());
                (line, strip_location(&e.to_string()))
            })
        } else {
            serde_yaml::from_str::<OpenAPI>(source).err().map(|e| {
                (
                    e.location().map(|l| l.line()),
                    strip_location(&e.to_string()),
                )
            })
        }
    })
    .ok()
    .flatten()
}

/// Rewrites what published 3.0 documents contain but the 3.0 structure cannot hold,
/// everywhere in the document:
///
/// - An integer bound (`minimum`, `maximum`, `multipleOf`) beyond `i64`, or written as a
///   fraction where the schema says `type: integer` (openai writes
///   `-9223372036854776000`), moves to `x-jeri-minimum` (and so on), kept as
///   documentation rather than failing the load.
/// - `type: "null"`, OpenAPI 3.1's way of saying "or null" inside `anyOf`/`oneOf`, is
///   read as 3.0 says it: a schema with `nullable: true` and no type.
pub fn tolerate(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            let integer = map.get("type").and_then(Value::as_str) == Some("integer");
            if integer {
                for key in ["minimum", "maximum", "multipleOf"] {
                    let fits = map.get(key).is_none_or(|v| v.as_i64().is_some());
                    if !fits && let Some(bound) = map.remove(key) {
                        map.insert(Value::String(format!("x-jeri-{key}")), bound);
                    }
                }
            }
            if map.get("type").and_then(Value::as_str) == Some("null") {
                map.remove("type");
                map.insert(Value::String("nullable".into()), Value::Bool(true));
            }
            for (_, child) in map.iter_mut() {
                tolerate(child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(tolerate),
        Value::Tagged(tagged) => tolerate(&mut tagged.value),
        _ => {}
    }
}

fn parse_json(source: &str, diag: &mut Diagnostics<'_>) -> Option<Value> {
    // Straight into the YAML value the rest of loading works on: no intermediate JSON
    // value to convert (a large share of the macro's time on a JSON spec).
    match serde_json::from_str::<Value>(source) {
        Ok(value) => Some(value),
        Err(e) => {
            diag.push(SpecError {
                pointer: String::new(),
                line: (e.line() > 0).then_some(e.line()),
                message: format!("invalid JSON: {}", strip_location(&e.to_string())),
                help: "the file starts with `{`, so it is read as JSON; fix the syntax \
                       (a JSON linter shows the exact spot)"
                    .to_owned(),
            });
            None
        }
    }
}

fn parse_yaml(source: &str, diag: &mut Diagnostics<'_>) -> Option<Value> {
    match serde_yaml::from_str::<crate::load::lenient::Lenient>(source).map(|l| l.0) {
        Ok(Value::Mapping(map)) => {
            let mut doc = Value::Mapping(map);
            crate::load::lenient::numeric_keywords(&mut doc);
            Some(doc)
        }
        Ok(Value::Null) => {
            diag.error(
                "",
                "the spec file is empty",
                "put an OpenAPI 3.0 document (YAML or JSON) in it",
            );
            None
        }
        Ok(_) => {
            diag.error(
                "",
                "the spec is not a mapping of keys to values",
                "an OpenAPI document starts with `openapi: 3.0.3`, `info:` and `paths:`",
            );
            None
        }
        Err(e) => {
            diag.push(SpecError {
                pointer: String::new(),
                line: e.location().map(|l| l.line()),
                message: format!("invalid YAML: {}", strip_location(&e.to_string())),
                help: "fix the YAML syntax here (indentation, quoting, or a missing `:`)"
                    .to_owned(),
            });
            None
        }
    }
}

/// Parser messages carry "at line L column C" for the spot already shown as the line;
/// that first location is dropped, and any context after it is kept, because it often
/// names where the broken construct starts ("while parsing a flow sequence at line 3
/// column 10").
fn strip_location(message: &str) -> String {
    const MARK: &str = " at line ";
    let Some(at) = message.find(MARK) else {
        return message.to_owned();
    };
    let rest = &message[at + MARK.len()..];
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = match rest.strip_prefix(" column ") {
        Some(column) => column.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    format!("{}{rest}", &message[..at])
}

fn check_version(doc: &Value, diag: &mut Diagnostics<'_>) -> Option<Version> {
    let Value::Mapping(map) = doc else {
        diag.error(
            "",
            "the spec is not a mapping of keys to values",
            "start the document with `openapi: 3.0.3`",
        );
        return None;
    };
    if let Some(swagger) = map.get("swagger") {
        let version = scalar_text(swagger);
        if version == "2.0" && map.get("openapi").is_none() {
            return Some(Version::Swagger2);
        }
        diag.error(
            "swagger",
            format!(
                "`swagger: {version}` is not a version of the format that was published as \
                 Swagger 2.0 or OpenAPI 3.x; Swagger 2.0, OpenAPI 3.0, 3.1 and 3.2 are read"
            ),
            "convert the document to Swagger 2.0 or OpenAPI 3 (`swagger: \"2.0\"` or \
             `openapi: 3.1.0`), or remove the `swagger` field from an OpenAPI 3 document",
        );
        return None;
    }
    let Some(version) = map.get("openapi") else {
        diag.error(
            "",
            "the spec has no `openapi` field, so its version is unknown",
            "add `openapi: 3.0.3` (or 3.1.0) at the top of the document",
        );
        return None;
    };
    let Value::String(version) = version else {
        diag.error(
            "openapi",
            format!(
                "`openapi` must be a string, found `{}`",
                scalar_text(version)
            ),
            "quote the version: `openapi: \"3.0.3\"`",
        );
        return None;
    };
    for (prefix, read) in [
        ("3.0.", Version::V30),
        ("3.1.", Version::V31),
        ("3.2.", Version::V32),
    ] {
        if version.starts_with(prefix) || version == prefix.trim_end_matches('.') {
            return Some(read);
        }
    }
    diag.error(
        "openapi",
        format!(
            "unsupported OpenAPI version `{version}`; OpenAPI 3.0.x, 3.1.x, 3.2.x and \
             Swagger 2.0 are read"
        ),
        "set the version the document follows (`openapi: 3.0.3` or `openapi: 3.1.0`)",
    );
    None
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => "a collection".to_owned(),
    }
}

/// The `webhook_signature` setting stands for the document's `x-jeri-webhook-signature`:
/// its YAML text becomes that extension's value (replacing the document's), read by the
/// build stage like one written in the document.
pub fn webhook_signature_setting(doc: &mut OpenAPI, text: &str, diag: &mut Diagnostics<'_>) {
    match serde_yaml::from_str::<serde_json::Value>(text) {
        Ok(value) => {
            doc.extensions
                .insert("x-jeri-webhook-signature".to_owned(), value);
        }
        Err(error) => diag.error(
            "x-jeri-webhook-signature",
            format!("the `webhook_signature` setting is not YAML: {error}"),
            "write the extension's value, e.g. `webhook_signature = \"{scheme: standard-webhooks}\"`",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(source: &str) -> Vec<SpecError> {
        let mut diag = Diagnostics::new(source);
        let loaded = load(source, &mut diag);
        let errors = diag.into_errors();
        assert_eq!(loaded.is_some(), errors.is_empty());
        errors
    }

    #[test]
    fn loads_yaml_and_json() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
        assert!(errors(yaml).is_empty());
        let json = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        assert!(errors(json).is_empty());
    }

    #[test]
    fn version_problems() {
        // Versions nobody published are refused at their field.
        let e = errors("swagger: '1.2'\ninfo: {title: t, version: '1'}\n");
        assert_eq!(e[0].pointer, "swagger");
        assert_eq!(e[0].line, Some(1));
        assert!(
            e[0].message.starts_with("`swagger: 1.2` is not a version"),
            "{}",
            e[0].message
        );
        let e = errors("info: {title: t, version: '1'}\nopenapi: 4.0.0\n");
        assert_eq!(e[0].pointer, "openapi");
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[0].message
                .starts_with("unsupported OpenAPI version `4.0.0`")
        );
        // The published ones are read.
        for version in [
            "swagger: '2.0'",
            "openapi: 3.1.0",
            "openapi: 3.2.0",
            "openapi: '3.1'",
        ] {
            let e = errors(&format!("{version}\ninfo: {{title: t, version: '1'}}\n"));
            assert!(e.is_empty(), "{version}: {e:?}");
        }
        let e = errors("info: {title: t, version: '1'}\n");
        assert_eq!(
            e[0].message,
            "the spec has no `openapi` field, so its version is unknown"
        );
        let e = errors("openapi: 3.0\n");
        assert_eq!(e[0].message, "`openapi` must be a string, found `3.0`");
        let e = errors("openapi: '2.5'\n");
        assert!(
            e[0].message
                .starts_with("unsupported OpenAPI version `2.5`")
        );
    }

    #[test]
    fn syntax_problems_have_lines() {
        let e = errors("openapi: 3.0.3\ninfo:\n  title: [\n");
        assert!(
            e[0].message.starts_with("invalid YAML: "),
            "{}",
            e[0].message
        );
        assert!(e[0].line.is_some());
        let e = errors("{\n  \"openapi\": \"3.0.3\",\n  \"info\": }\n");
        assert!(
            e[0].message.starts_with("invalid JSON: "),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].line, Some(3));
        assert_eq!(errors("")[0].message, "the spec file is empty");
        assert_eq!(
            errors("- a\n")[0].message,
            "the spec is not a mapping of keys to values"
        );
    }

    #[test]
    fn shown_locations_are_dropped_and_context_kept() {
        assert_eq!(
            strip_location(
                "did not find expected ',' or ']' at line 4 column 10, while parsing a flow \
                 sequence at line 3 column 10"
            ),
            "did not find expected ',' or ']', while parsing a flow sequence at line 3 column 10"
        );
        assert_eq!(
            strip_location("EOF while parsing an object at line 5 column 0"),
            "EOF while parsing an object"
        );
        assert_eq!(strip_location("no location"), "no location");
    }

    #[test]
    fn anchors_merge_keys_huge_bounds_and_null_types_load() {
        let yaml = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base: &base
      type: object
      properties:
        id: {type: integer, minimum: -9223372036854776000, maximum: 9223372036854776000}
    Copy: *base
    Extended:
      <<: *base
      description: more
    Maybe:
      anyOf:
        - type: string
        - type: \"null\"
";
        let mut diag = Diagnostics::new(yaml);
        let doc = load(yaml, &mut diag);
        let errors = diag.into_errors();
        assert!(errors.is_empty(), "{errors:?}");
        let Some(doc) = doc else {
            panic!("the document loads");
        };
        let schemas = doc.components.map(|c| c.schemas).unwrap_or_default();
        assert_eq!(schemas.len(), 4);
        let extended = serde_json::to_value(&schemas["Extended"]).unwrap_or_default();
        assert_eq!(extended["description"], "more");
        assert_eq!(
            extended["properties"]["id"]["x-jeri-minimum"],
            -9223372036854776000.0
        );
        assert!(extended["properties"]["id"].get("minimum").is_none());
        let maybe = serde_json::to_value(&schemas["Maybe"]).unwrap_or_default();
        assert_eq!(maybe["anyOf"][1]["nullable"], true);
    }

    const PLAIN: &str = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
        "components": {"schemas": {"A": {"type": "integer", "minimum": -3, "maximum": 9}}}}"##;

    fn same_as_general(source: &str) -> bool {
        let mut diag = Diagnostics::new(source);
        let general = load_general(source, &mut diag).map(|doc| serde_json::to_value(doc).ok());
        let plain = plain_json(source).map(|doc| serde_json::to_value(doc).ok());
        general.is_some() && general == plain
    }

    #[test]
    fn plain_json_is_read_directly_and_as_the_general_way_reads_it() {
        assert!(plain_json(PLAIN).is_some());
        assert!(same_as_general(PLAIN));
    }

    #[test]
    fn json_that_needs_rewriting_goes_the_general_way() {
        let variants = [
            // A bound tolerate moves aside, written as a fraction or beyond i64.
            PLAIN.replace("\"minimum\": -3", "\"minimum\": -3.0"),
            PLAIN.replace("\"maximum\": 9", "\"maximum\": 9223372036854776000"),
            PLAIN.replace("\"maximum\": 9", "\"maximum\": 9e3"),
            // OpenAPI 3.1's null type, a merge key, a pointer reference.
            PLAIN.replace("\"type\": \"integer\",", "\"type\": \"null\","),
            PLAIN.replace("\"A\": {", "\"A\": {\"<<\": {},"),
            PLAIN.replace(
                "#/components/schemas/A",
                "#/components/schemas/A/properties/b",
            ),
            PLAIN.replace("#/components/schemas/A", "#/paths/~1a"),
            PLAIN.replace("#/components/schemas/A", "#/components/schemas\\/A"),
            // Another version, or not OpenAPI at all.
            PLAIN.replace("3.0.3", "3.1.0"),
            PLAIN.replace("\"openapi\": \"3.0.3\",", "\"swagger\": \"2.0\","),
            PLAIN.replace(
                "\"openapi\": \"3.0.3\",",
                "\"openapi\": \"3.0.3\", \"swagger\": \"2.0\",",
            ),
            PLAIN.replace("\"responses\": {", "\"responses\": 7, \"x\": {"),
        ];
        for variant in &variants {
            assert_ne!(variant, PLAIN);
            assert!(plain_json(variant).is_none(), "{variant}");
        }
        // What the general way then does with them.
        let fraction = variants[0].as_str();
        let mut diag = Diagnostics::new(fraction);
        let doc = load(fraction, &mut diag).map(|doc| serde_json::to_value(doc).ok());
        let doc = doc.flatten().unwrap_or_default();
        assert_eq!(doc["components"]["schemas"]["A"]["x-jeri-minimum"], -3.0);
        // 3.1 and 2.0 are converted; a document naming both versions is refused.
        assert!(errors(&variants[8]).is_empty());
        assert!(errors(&variants[9]).is_empty());
        assert!(!errors(&variants[10]).is_empty());
    }

    #[test]
    fn structure_problems_have_lines() {
        let e = errors(
            "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /x:\n    get:\n      responses: 7\n",
        );
        assert!(
            e[0].message
                .starts_with("the document is not a valid OpenAPI 3.0 description"),
            "{}",
            e[0].message
        );
        assert!(e[0].line.is_some());
    }
}
