//! `$ref`s to any JSON pointer inside the document, read as the node they point at.
//!
//! OpenAPI allows a reference to any node of the document (`#/paths/~1pets/get/responses/200`,
//! `#/components/schemas/Pet/properties/owner`), but the model resolves only references to
//! a named component (`#/components/<kind>/<Name>`), the form nearly every spec uses. So
//! before the document is parsed, every other local reference is replaced by a copy of
//! the node it points at: the node then reads as if it were written at the reference,
//! which is what the reference means. References to named components are kept, so
//! recursive types stay named; a cycle made only of pointer references cannot be
//! copied out and is an error that says to move the node under `components`.

use serde_yaml::Value;

use crate::diagnostics::Diagnostics;

/// The component kinds whose `#/components/<kind>/<Name>` references the model resolves.
const COMPONENT_KINDS: [&str; 9] = [
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
];

/// Replaces every local `$ref` that is not a named component reference by a copy of
/// its target; dangling and cyclic pointer references are reported and left in place.
pub fn inline(doc: &mut Value, diag: &mut Diagnostics<'_>) {
    if !contains_pointer_ref(doc) {
        return;
    }
    // Targets are read from the document as written, so the order of replacement does
    // not matter.
    let original = doc.clone();
    let mut inliner = Inliner {
        root: &original,
        stack: Vec::new(),
        diag,
    };
    inliner.walk(doc, &mut Vec::new());
}

/// A `$ref` string that points inside this document at something other than a named
/// component.
fn pointer_ref(map: &serde_yaml::Mapping) -> Option<&str> {
    let reference = map.get("$ref")?.as_str()?;
    reference.strip_prefix('#')?;
    (!is_named_component(reference)).then_some(reference)
}

/// Whether `reference` is `#/components/<kind>/<Name>`, the form the model resolves
/// itself (and [`inline`] leaves alone).
pub fn is_named_component(reference: &str) -> bool {
    let segments: Vec<&str> = reference.split('/').collect();
    matches!(
        segments.as_slice(),
        ["#", "components", kind, name] if COMPONENT_KINDS.contains(kind) && !name.is_empty()
    )
}

fn contains_pointer_ref(value: &Value) -> bool {
    match value {
        Value::Mapping(map) => {
            pointer_ref(map).is_some() || map.iter().any(|(_, child)| contains_pointer_ref(child))
        }
        Value::Sequence(items) => items.iter().any(contains_pointer_ref),
        Value::Tagged(tagged) => contains_pointer_ref(&tagged.value),
        _ => false,
    }
}

/// The decoded segments of `#/a/b~1c`: percent-decoding first (the reference is a URI
/// fragment), then `~1` → `/` and `~0` → `~` (RFC 6901).
fn segments(reference: &str) -> Vec<String> {
    let pointer = reference.strip_prefix('#').unwrap_or(reference);
    let decoded = percent_encoding::percent_decode_str(pointer).decode_utf8_lossy();
    decoded
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The node a pointer names, if any.
fn resolve<'v>(root: &'v Value, segments: &[String]) -> Option<&'v Value> {
    segments.iter().try_fold(root, |node, segment| match node {
        Value::Mapping(map) => map.get(segment.as_str()),
        Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?),
        Value::Tagged(tagged) => resolve(&tagged.value, std::slice::from_ref(segment)),
        _ => None,
    })
}

struct Inliner<'r, 'd, 's> {
    root: &'r Value,
    /// The pointer references being copied out, innermost last: a repeat is a cycle.
    stack: Vec<String>,
    diag: &'d mut Diagnostics<'s>,
}

impl Inliner<'_, '_, '_> {
    /// Walks `value`, at `path` (keys and indices from the root, for error messages).
    fn walk(&mut self, value: &mut Value, path: &mut Vec<String>) {
        if let Value::Mapping(map) = value
            && let Some(reference) = pointer_ref(map).map(str::to_owned)
        {
            if let Some(copy) = self.copy_target(&reference, path) {
                *value = copy;
            }
            return;
        }
        match value {
            Value::Mapping(map) => {
                for (key, child) in map.iter_mut() {
                    path.push(key_text(key));
                    self.walk(child, path);
                    path.pop();
                }
            }
            Value::Sequence(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    path.push(format!("[{index}]"));
                    self.walk(child, path);
                    path.pop();
                }
            }
            Value::Tagged(tagged) => self.walk(&mut tagged.value, path),
            _ => {}
        }
    }

    /// The target of `reference` with its own pointer references copied out, or `None`
    /// (and an error) when it dangles or is part of a cycle.
    fn copy_target(&mut self, reference: &str, path: &mut Vec<String>) -> Option<Value> {
        let at = written(path);
        if self.stack.iter().any(|seen| seen == reference) {
            self.diag.error(
                &at,
                format!(
                    "`$ref: '{reference}'` refers to itself through references that do not name a component"
                ),
                "move the recursive schema under `components.schemas` and refer to it as \
                 `#/components/schemas/<Name>`",
            );
            return None;
        }
        let Some(target) = resolve(self.root, &segments(reference)) else {
            self.diag.error(
                &at,
                format!("`$ref: '{reference}'` points at nothing in this document"),
                "fix the JSON pointer (keys separated by `/`, with `/` in a key written `~1` \
                 and `~` written `~0`)",
            );
            return None;
        };
        let mut copy = target.clone();
        self.stack.push(reference.to_owned());
        self.walk(&mut copy, path);
        self.stack.pop();
        Some(copy)
    }
}

fn key_text(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => String::from("?"),
    }
}

/// A path in the diagnostics' form: `paths./pets.get.parameters[0]`.
fn written(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        if !segment.starts_with('[') && !out.is_empty() {
            out.push('.');
        }
        out.push_str(segment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inlined(source: &str) -> (Value, Vec<String>) {
        let mut diag = Diagnostics::new(source);
        let mut doc: Value = serde_yaml::from_str(source).expect("test YAML");
        inline(&mut doc, &mut diag);
        let errors = diag
            .into_errors()
            .into_iter()
            .map(|e| format!("{}: {}", e.pointer, e.message))
            .collect();
        (doc, errors)
    }

    fn at<'v>(doc: &'v Value, pointer: &str) -> &'v Value {
        resolve(doc, &segments(pointer)).unwrap_or_else(|| panic!("nothing at {pointer}"))
    }

    #[test]
    fn a_reference_into_a_schema_reads_as_its_target() {
        let (doc, errors) = inlined(
            "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        owner:\n          type: object\n          properties:\n            name: {type: string}\n    Shelter:\n      properties:\n        keeper:\n          $ref: '#/components/schemas/Pet/properties/owner'\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let keeper = at(&doc, "#/components/schemas/Shelter/properties/keeper");
        let owner = at(&doc, "#/components/schemas/Pet/properties/owner");
        assert_eq!(keeper, owner);
    }

    #[test]
    fn escaped_and_percent_encoded_segments_and_indices_resolve() {
        let (doc, errors) = inlined(
            "paths:\n  /pets/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n  /owners/{id}:\n    get:\n      parameters:\n        - $ref: '#/paths/~1pets~1%7Bid%7D/get/parameters/0'\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let copied = at(&doc, "#/paths/~1owners~1{id}/get/parameters/0");
        assert_eq!(copied.get("name").and_then(Value::as_str), Some("id"));
    }

    #[test]
    fn named_component_references_are_kept_and_chains_are_followed() {
        let (doc, errors) = inlined(
            "components:\n  schemas:\n    Node:\n      properties:\n        next: {$ref: '#/components/schemas/Node'}\n        alias: {$ref: '#/components/schemas/Node/properties/next'}\n        again: {$ref: '#/components/schemas/Node/properties/alias'}\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        for property in ["next", "alias", "again"] {
            let value = at(
                &doc,
                &format!("#/components/schemas/Node/properties/{property}"),
            );
            assert_eq!(
                value.get("$ref").and_then(Value::as_str),
                Some("#/components/schemas/Node"),
                "{property}"
            );
        }
    }

    #[test]
    fn dangling_and_cyclic_pointer_references_are_errors_naming_the_place() {
        let (_, errors) = inlined(
            "components:\n  schemas:\n    A:\n      properties:\n        gone: {$ref: '#/components/schemas/A/properties/nothing'}\n        loop: {$ref: '#/components/schemas/A/properties/loop'}\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("components.schemas.A.properties.gone: "));
        assert!(errors[0].contains("points at nothing"));
        assert!(errors[1].starts_with("components.schemas.A.properties.loop: "));
        assert!(errors[1].contains("refers to itself"));
    }
}
