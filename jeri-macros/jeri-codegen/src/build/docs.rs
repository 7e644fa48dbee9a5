//! Docs from spec nodes: summary, description, `x-jeri-assumption`, deprecation.

use openapiv3::Schema;
use serde_json::Value;

use crate::diagnostics::{Diagnostics, child};
use crate::model::Docs;

/// The extension that records an assumption the spec makes where the API is undocumented.
const ASSUMPTION: &str = "x-jeri-assumption";

/// Docs from the parts of a spec node; `x-jeri-assumption` must be a string (or a list of
/// strings).
pub(crate) fn docs_from<'e>(
    diag: &mut Diagnostics<'_>,
    pointer: &str,
    summary: Option<&str>,
    description: Option<&str>,
    extensions: impl IntoIterator<Item = (&'e String, &'e Value)>,
    deprecated: bool,
) -> Docs {
    Docs {
        summary: non_blank(summary),
        description: non_blank(description),
        assumptions: assumptions(diag, pointer, extensions),
        deprecated,
        limits: None,
    }
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Every `x-jeri-assumption` value of a node.
pub(crate) fn assumptions<'e>(
    diag: &mut Diagnostics<'_>,
    pointer: &str,
    extensions: impl IntoIterator<Item = (&'e String, &'e Value)>,
) -> Vec<String> {
    let mut found = Vec::new();
    for (key, value) in extensions {
        if key != ASSUMPTION {
            continue;
        }
        match value {
            Value::String(text) => found.push(text.clone()),
            Value::Array(items) if items.iter().all(Value::is_string) => {
                found.extend(items.iter().filter_map(Value::as_str).map(str::to_owned));
            }
            _ => diag.error(
                &child(pointer, ASSUMPTION),
                format!("`{ASSUMPTION}` must be a string"),
                "write the assumption as one sentence in a string",
            ),
        }
    }
    found
}

/// Docs from a schema: `title` as summary, `description`, assumptions, `deprecated`, and
/// its limits.
pub(crate) fn schema_docs(diag: &mut Diagnostics<'_>, pointer: &str, schema: &Schema) -> Docs {
    let data = &schema.schema_data;
    Docs {
        limits: super::rules::words(schema),
        ..docs_from(
            diag,
            pointer,
            data.title.as_deref(),
            data.description.as_deref(),
            &data.extensions,
            data.deprecated,
        )
    }
}
