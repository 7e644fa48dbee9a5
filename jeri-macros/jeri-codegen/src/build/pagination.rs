//! Pagination the document describes: Dropshot's `x-dropshot-pagination` and
//! Speakeasy's `x-speakeasy-pagination`.

use serde_json::Value;

use crate::model::{NextRule, Pagination};

const DROPSHOT: &str = "x-dropshot-pagination";
const SPEAKEASY: &str = "x-speakeasy-pagination";

/// The pagination an operation's `extensions` describe: `Ok(None)` when they say
/// nothing, `Err` with the reason when they describe a form that is not followed (a
/// nested JSONPath, an input in the request body), which the operation's docs then say.
///
/// Dropshot's extension fixes the form: the `page_token` query parameter takes the
/// body's `next_page`, the items are `items`. Speakeasy's names its `inputs` (query
/// parameters of type `cursor`, `offset` or `page`) and `outputs` (`results`,
/// `nextCursor`, `nextUrl`: JSONPaths `$` or `$.property`).
pub(super) fn pagination(op: &openapiv3::Operation) -> Result<Option<Pagination>, String> {
    let extensions = &op.extensions;
    if extensions.contains_key(DROPSHOT) {
        return Ok(Some(Pagination {
            items: Some("items".to_owned()),
            next: NextRule::Cursor {
                param: "page_token".to_owned(),
                property: "next_page".to_owned(),
            },
            source: format!("`{DROPSHOT}`"),
        }));
    }
    let Some(speakeasy) = extensions.get(SPEAKEASY) else {
        return Ok(None);
    };
    speakeasy_pagination(speakeasy).map(Some)
}

fn speakeasy_pagination(value: &Value) -> Result<Pagination, String> {
    let outputs = value.get("outputs");
    let output = |name: &str| -> Result<Option<Option<String>>, String> {
        match outputs.and_then(|outputs| outputs.get(name)) {
            None => Ok(None),
            Some(Value::String(path)) => property_of(path).map(Some),
            Some(_) => Err(format!("`outputs.{name}` is not a JSONPath string")),
        }
    };
    let input = |kind: &str| -> Result<Option<String>, String> {
        let inputs = value.get("inputs").and_then(Value::as_array);
        let Some(input) = inputs
            .into_iter()
            .flatten()
            .find(|input| input.get("type").and_then(Value::as_str) == Some(kind))
        else {
            return Ok(None);
        };
        if input.get("in").and_then(Value::as_str) != Some("parameters") {
            return Err(format!(
                "its `{kind}` input is not a parameter (`in: parameters`)"
            ));
        }
        Ok(input.get("name").and_then(Value::as_str).map(str::to_owned))
    };
    let items = output("results")?.flatten();
    let kind = value
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let missing = |what: &str| format!("`type: {kind}` without {what}");
    let next = match kind {
        "cursor" => NextRule::Cursor {
            param: input("cursor")?.ok_or_else(|| missing("a `cursor` input"))?,
            property: output("nextCursor")?
                .flatten()
                .ok_or_else(|| missing("`outputs.nextCursor`"))?,
        },
        "offsetLimit" => match (input("offset")?, input("page")?) {
            (Some(param), _) => NextRule::Offset {
                param,
                per_item: true,
            },
            (None, Some(param)) => NextRule::Offset {
                param,
                per_item: false,
            },
            (None, None) => return Err(missing("an `offset` or `page` input")),
        },
        "url" => NextRule::NextUrl {
            property: output("nextUrl")?
                .flatten()
                .ok_or_else(|| missing("`outputs.nextUrl`"))?,
        },
        other => return Err(format!("`type: {other}` is not a known pagination type")),
    };
    Ok(Pagination {
        items,
        next,
        source: format!("`{SPEAKEASY}`"),
    })
}

/// The property a JSONPath names: `$` is the body (`None`), `$.name` one property.
fn property_of(path: &str) -> Result<Option<String>, String> {
    match path.trim() {
        "$" => Ok(None),
        path => match path.strip_prefix("$.") {
            Some(name) if !name.is_empty() && !name.contains(['.', '[', '*']) => {
                Ok(Some(name.to_owned()))
            }
            _ => Err(format!(
                "the JSONPath `{path}` reaches below the body's own properties"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::pagination;
    use crate::model::NextRule;

    fn extensions(yaml: &str) -> openapiv3::Operation {
        let op = format!("{yaml}\nresponses: {{}}");
        serde_yaml::from_str(&op).expect("test operation")
    }

    #[test]
    fn dropshot_and_speakeasy_forms() {
        let dropshot = pagination(&extensions("x-dropshot-pagination: {required: []}"))
            .unwrap()
            .unwrap();
        assert_eq!(dropshot.items.as_deref(), Some("items"));
        let cursor = pagination(&extensions(
            "x-speakeasy-pagination: {type: cursor, inputs: [{name: after, in: parameters, \
             type: cursor}], outputs: {results: $.data, nextCursor: $.next}}",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(
            cursor.next,
            NextRule::Cursor {
                param: "after".into(),
                property: "next".into()
            }
        );
        let pages = pagination(&extensions(
            "x-speakeasy-pagination: {type: offsetLimit, inputs: [{name: page, in: \
             parameters, type: page}], outputs: {results: $}}",
        ))
        .unwrap()
        .unwrap();
        assert_eq!(pages.items, None);
        assert_eq!(
            pages.next,
            NextRule::Offset {
                param: "page".into(),
                per_item: false
            }
        );
        let nested = pagination(&extensions(
            "x-speakeasy-pagination: {type: url, outputs: {nextUrl: $.links.next}}",
        ));
        assert!(nested.unwrap_err().contains("$.links.next"));
        assert_eq!(pagination(&extensions("x-other: 1")), Ok(None));
    }
}
