//! OpenAPI 3.2's own constructs that the generated code cannot express.

use serde_yaml::Value;

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
