//! OpenAPI 3.2's own constructs: those the generated code cannot express, and
//! `itemSchema`, which streamed responses read.

use serde_yaml::Value;

use super::pointer_map::PointerMap;
use crate::diagnostics::{Diagnostics, child, index};

/// Reports OpenAPI 3.2's own operations (the `query` method, `additionalOperations`) and
/// `in: querystring` parameters, each with the `skip(...)` that leaves it out.
///
/// A `querystring` parameter is taken out (the 3.0 form has no place for it), so that the
/// rest of the document reads and `skip(...)` can find its operation.
pub(super) fn report_v32_constructs(doc: &mut Value, diag: &mut Diagnostics<'_>) {
    let Some(Value::Mapping(paths)) = doc.get_mut("paths") else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let (Some(path), Value::Mapping(item)) = (path.as_str(), item) else {
            continue;
        };
        let here = child("paths", path);
        for construct in ["query", "additionalOperations"] {
            if item.contains_key(construct) {
                diag.error(
                    &child(&here, construct),
                    format!(
                        "OpenAPI 3.2's `{construct}` (an operation outside the eight \
                         methods of 3.0 and 3.1) cannot be generated"
                    ),
                    format!(
                        "leave the path out with `skip(\"{path}\")` (its other operations \
                         too), or describe the operation with a 3.1 method"
                    ),
                );
            }
        }
        for (method, operation) in item.iter_mut() {
            let method = method.as_str().unwrap_or_default().to_owned();
            let name = operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or(path)
                .to_owned();
            let Some(Value::Sequence(parameters)) = operation.get_mut("parameters") else {
                continue;
            };
            let at = child(&child(&here, &method), "parameters");
            let mut i = 0;
            parameters.retain(|parameter| {
                let querystring =
                    parameter.get("in").and_then(Value::as_str) == Some("querystring");
                if querystring {
                    diag.error(
                        &index(&at, i),
                        "OpenAPI 3.2's `in: querystring` parameter (the whole query string \
                         as one value) cannot be generated",
                        format!(
                            "leave the operation out with `skip(\"{name}\")`, or describe the \
                             query string's parts as `in: query` parameters"
                        ),
                    );
                }
                i += 1;
                !querystring
            });
        }
    }
}

/// OpenAPI 3.2's `itemSchema` of a response media type (the schema of each item of a
/// streamed body: an event, a line) becomes its `schema`, which the 3.0 form has, and
/// which the build stage reads as the item's for streaming media types (see
/// `build::stream`). An event's `data` declared as a string with a `contentSchema`
/// (`contentMediaType: application/json`) is that schema: the data is decoded as it.
pub(super) fn item_schemas(doc: &mut Value, origins: &mut PointerMap) {
    let mut contents: Vec<(String, &mut Value)> = Vec::new();
    if let Some(Value::Mapping(paths)) = doc.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let (Some(path), Value::Mapping(item)) = (path.as_str(), item) else {
                continue;
            };
            let here = child("paths", path);
            for (method, operation) in item.iter_mut() {
                let at = child(
                    &child(&here, method.as_str().unwrap_or_default()),
                    "responses",
                );
                if let Some(Value::Mapping(responses)) = operation.get_mut("responses") {
                    for (status, response) in responses.iter_mut() {
                        let status = serde_yaml::to_string(status).unwrap_or_default();
                        contents.push((child(&at, status.trim()), response));
                    }
                }
            }
        }
    }
    for (pointer, response) in contents {
        let Some(Value::Mapping(content)) = response.get_mut("content") else {
            continue;
        };
        for (media, media_type) in content.iter_mut() {
            let Value::Mapping(media_type) = media_type else {
                continue;
            };
            let Some(mut item) = media_type.remove("itemSchema") else {
                continue;
            };
            let media = media.as_str().unwrap_or_default();
            if media.to_ascii_lowercase().starts_with("text/event-stream") {
                data_content_schema(&mut item);
            }
            let at = child(&child(&pointer, "content"), media);
            origins.record(child(&at, "schema"), child(&at, "itemSchema"));
            media_type.insert("schema".into(), item);
        }
    }
}

/// An event schema whose `data` property is text holding JSON of a `contentSchema`: the
/// property takes that schema.
fn data_content_schema(event: &mut Value) {
    let Some(Value::Mapping(properties)) = event.get_mut("properties") else {
        return;
    };
    let Some(Value::Mapping(data)) = properties.get_mut("data") else {
        return;
    };
    if let Some(content_schema) = data.remove("contentSchema") {
        properties.insert("data".into(), content_schema);
    }
}
