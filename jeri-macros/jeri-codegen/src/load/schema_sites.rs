//! Where schemas are in a document, and which of a schema's keywords hold schemas: what
//! the converters walk, so that a property called `type` or `const` is never taken for
//! a keyword.

use serde_yaml::{Mapping, Value};

use crate::diagnostics::{child, index};

/// Keywords whose value is one schema.
const ONE: [&str; 10] = [
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// Keywords whose value is a list of schemas.
const LIST: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];

/// Keywords whose value maps names to schemas.
const NAMED: [&str; 4] = [
    "properties",
    "patternProperties",
    "$defs",
    "dependentSchemas",
];

/// Calls `visit` on every schema in the document, innermost first (a schema's own
/// subschemas are visited before it), with its pointer: the schemas under
/// `components.schemas` (and Swagger 2.0's `definitions`), and every `schema` of a
/// parameter, header or media type, anywhere outside examples and extensions.
pub(super) fn each_schema(doc: &mut Value, visit: &mut dyn FnMut(&mut Value, &str)) {
    let Value::Mapping(root) = doc else { return };
    for (key, value) in root.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        if key == "definitions" {
            each_named(value, key, visit);
        } else {
            document_part(value, key, visit);
        }
    }
}

fn document_part(value: &mut Value, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    match value {
        Value::Mapping(map) => {
            for (key, value) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                let here = child(pointer, key);
                if key == "example" || key == "examples" || key.starts_with("x-") {
                    continue;
                }
                if key == "schema" {
                    schema(value, &here, visit);
                } else if key == "schemas" && pointer == "components" {
                    each_named(value, &here, visit);
                } else {
                    document_part(value, &here, visit);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                document_part(item, &index(pointer, i), visit);
            }
        }
        _ => {}
    }
}

fn each_named(value: &mut Value, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Mapping(map) = value {
        for (key, value) in map.iter_mut() {
            if let Some(key) = key.as_str() {
                schema(value, &child(pointer, key), visit);
            }
        }
    }
}

/// Visits the subschemas of the schema at `pointer`, then the schema itself.
pub(super) fn schema(value: &mut Value, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    if let Value::Mapping(map) = value {
        subschemas(map, pointer, visit);
    }
    visit(value, pointer);
}

fn subschemas(map: &mut Mapping, pointer: &str, visit: &mut dyn FnMut(&mut Value, &str)) {
    for (key, value) in map.iter_mut() {
        let Some(key) = key.as_str() else { continue };
        let here = child(pointer, key);
        if ONE.contains(&key) {
            match value {
                // `items: [A, B]`: the 2019 spelling of a tuple.
                Value::Sequence(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        schema(item, &index(&here, i), visit);
                    }
                }
                Value::Mapping(_) => schema(value, &here, visit),
                _ => {}
            }
        } else if LIST.contains(&key) {
            if let Value::Sequence(items) = value {
                for (i, item) in items.iter_mut().enumerate() {
                    schema(item, &index(&here, i), visit);
                }
            }
        } else if NAMED.contains(&key) {
            each_named(value, &here, visit);
        }
    }
}
