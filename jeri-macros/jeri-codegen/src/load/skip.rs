//! The `skip(...)` setting: operations left out before the model is built, so that a
//! third-party spec with a broken operation still gives a client for the rest.

use openapiv3::{OpenAPI, Operation, PathItem, ReferenceOr};

use crate::diagnostics::Diagnostics;

/// The operation slots of a path item, in the model's method order.
fn slots(item: &mut PathItem) -> [&mut Option<Operation>; 8] {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
}

/// Removes every operation named in `names` (by `operationId`, or by path for all of a
/// path's operations) from `doc`. A name that matches nothing is an error: the list must
/// say exactly what is left out. Returns the pointers of what was left out (`paths./x`,
/// `paths./x.get`): problems found there while loading are not reported.
pub fn apply(doc: &mut OpenAPI, names: &[String], diag: &mut Diagnostics<'_>) -> Vec<String> {
    let mut removed = Vec::new();
    let mut used = vec![false; names.len()];
    let mut emptied = Vec::new();
    for (path, item) in doc.paths.paths.iter_mut() {
        if let Some(at) = names.iter().position(|name| name == path) {
            used[at] = true;
            emptied.push(path.clone());
            removed.push(crate::diagnostics::child("paths", path));
            continue;
        }
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        for (slot, method) in slots(item).into_iter().zip(METHODS) {
            let id = slot.as_ref().and_then(|op| op.operation_id.as_deref());
            if let Some(at) = id.and_then(|id| names.iter().position(|name| name == id)) {
                used[at] = true;
                *slot = None;
                let path = crate::diagnostics::child("paths", path);
                removed.push(crate::diagnostics::child(&path, method));
            }
        }
    }
    doc.paths.paths.retain(|path, _| !emptied.contains(path));
    for (name, used) in names.iter().zip(used) {
        if !used {
            diag.error(
                "paths",
                format!(
                    "`skip(\"{name}\")` names no operation: the spec has no operationId and no \
                     path `{name}`"
                ),
                "remove it from `skip(...)`, or name an operation by its exact operationId \
                 or path",
            );
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get: {operationId: getA, responses: {'200': {description: ok}}}
    post: {operationId: postA, responses: {'200': {description: ok}}}
  /b:
    get: {operationId: getB, responses: {'200': {description: ok}}}
";

    fn run(names: &[&str]) -> (OpenAPI, Vec<String>) {
        let mut doc: OpenAPI = serde_yaml::from_str(SPEC).unwrap_or_else(|_| OpenAPI::default());
        let mut diag = Diagnostics::new(SPEC);
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        apply(&mut doc, &names, &mut diag);
        let messages = diag.into_errors().into_iter().map(|e| e.message).collect();
        (doc, messages)
    }

    #[test]
    fn by_operation_id_and_by_path() {
        let (doc, errors) = run(&["postA", "/b"]);
        assert!(errors.is_empty(), "{errors:?}");
        let paths: Vec<&String> = doc.paths.paths.keys().collect();
        assert_eq!(paths, ["/a"]);
        let Some(ReferenceOr::Item(a)) = doc.paths.paths.get("/a") else {
            panic!("`/a` is kept");
        };
        assert!(a.get.is_some());
        assert!(a.post.is_none());
    }

    #[test]
    fn a_name_matching_nothing_is_an_error() {
        let (doc, errors) = run(&["getC"]);
        assert_eq!(doc.paths.paths.len(), 2);
        assert_eq!(
            errors,
            ["`skip(\"getC\")` names no operation: the spec has no operationId and no path `getC`"]
        );
    }
}
