//! `$defs` (JSON Schema 2020-12's local definitions, anywhere in a schema) become
//! component schemas, and `$ref`s into them follow, so that each is one named type.

use std::collections::{BTreeMap, HashSet};

use serde_yaml::{Mapping, Value};

use super::PointerMap;

/// Every `$defs` entry becomes a component schema; references into them are rewritten.
pub(super) fn hoist_defs(doc: &mut Value, origins: &mut PointerMap) {
    let mut found: Vec<Vec<String>> = Vec::new();
    find_defs(doc, &mut Vec::new(), &mut found);
    if found.is_empty() {
        return;
    }
    // Deepest first, so that moving one never changes the path of another still to move.
    found.sort_by_key(|path| std::cmp::Reverse(path.len()));
    let mut taken: HashSet<String> = match doc.get("components").and_then(|c| c.get("schemas")) {
        Some(Value::Mapping(schemas)) => schemas
            .keys()
            .filter_map(|k| k.as_str().map(str::to_owned))
            .collect(),
        _ => HashSet::new(),
    };
    let mut moved: BTreeMap<String, String> = BTreeMap::new();
    let mut names = Vec::new();
    for path in &found {
        let Some(name) = path.last() else { continue };
        let mut unique = name.clone();
        let mut n = 2;
        while !taken.insert(unique.clone()) {
            unique = format!("{name}{n}");
            n += 1;
        }
        names.push(unique);
    }
    // `#/$defs/X` inside a schema that has `$defs` means that schema's own entry (the
    // embedded schema is its resource root): rewritten within it first, innermost first.
    for (path, unique) in found.iter().zip(&names) {
        let Some((name, parent)) = path.split_last() else {
            continue;
        };
        let scope = &parent[..parent.len().saturating_sub(1)];
        if let Some(node) = node_mut(doc, scope) {
            let local = BTreeMap::from([(
                format!("#/$defs/{}", escape(name)),
                format!("#/components/schemas/{unique}"),
            )]);
            rewrite_refs(node, &local);
        }
    }
    let mut hoisted: Vec<(String, Value)> = Vec::new();
    for (path, unique) in found.iter().zip(names) {
        let Some((name, parent)) = path.split_last() else {
            continue;
        };
        let Some(Value::Mapping(defs)) = node_mut(doc, parent) else {
            continue;
        };
        let Some(schema) = defs.remove(name.as_str()) else {
            continue;
        };
        let json_pointer: String = path.iter().map(|s| format!("/{}", escape(s))).collect();
        moved.insert(
            format!("#{json_pointer}"),
            format!("#/components/schemas/{unique}"),
        );
        origins.record(format!("components.schemas.{unique}"), path.join("."));
        hoisted.push((unique, schema));
    }
    remove_empty_defs(doc);
    let Value::Mapping(root) = doc else { return };
    let components = root
        .entry("components".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if let Value::Mapping(components) = components {
        let schemas = components
            .entry("schemas".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if let Value::Mapping(schemas) = schemas {
            for (name, schema) in hoisted {
                schemas.insert(name.into(), schema);
            }
        }
    }
    rewrite_refs(doc, &moved);
}

/// A key as a JSON pointer segment.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn find_defs(value: &Value, path: &mut Vec<String>, found: &mut Vec<Vec<String>>) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let Some(key) = key.as_str() else { continue };
                if key == "example" || key == "examples" || key.starts_with("x-") {
                    continue;
                }
                path.push(key.to_owned());
                if key == "$defs"
                    && let Value::Mapping(defs) = child
                {
                    for (name, def) in defs {
                        if let Some(name) = name.as_str() {
                            path.push(name.to_owned());
                            found.push(path.clone());
                            find_defs(def, path, found);
                            path.pop();
                        }
                    }
                } else {
                    find_defs(child, path, found);
                }
                path.pop();
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                find_defs(item, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |node, key| match node {
        Value::Mapping(map) => map.get_mut(key.as_str()),
        Value::Sequence(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

fn remove_empty_defs(value: &mut Value) {
    match value {
        Value::Mapping(map) => {
            if map
                .get("$defs")
                .is_some_and(|d| d.as_mapping().is_some_and(Mapping::is_empty))
            {
                map.remove("$defs");
            }
            map.iter_mut()
                .for_each(|(_, child)| remove_empty_defs(child));
        }
        Value::Sequence(items) => items.iter_mut().for_each(remove_empty_defs),
        _ => {}
    }
}

/// Rewrites `$ref`s, and the references of `discriminator.mapping` values, that point at
/// a moved node (or inside one).
pub(super) fn rewrite_refs(value: &mut Value, moved: &BTreeMap<String, String>) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                rewrite_one(reference, moved);
            }
            if let Some(Value::Mapping(mapping)) = map
                .get_mut("discriminator")
                .and_then(|discriminator| discriminator.get_mut("mapping"))
            {
                for (_, target) in mapping.iter_mut() {
                    if let Value::String(reference) = target {
                        rewrite_one(reference, moved);
                    }
                }
            }
            map.iter_mut()
                .for_each(|(_, child)| rewrite_refs(child, moved));
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| rewrite_refs(i, moved)),
        _ => {}
    }
}

/// Points `reference` at where the longest moved prefix of it went.
fn rewrite_one(reference: &mut String, moved: &BTreeMap<String, String>) {
    let target = moved
        .iter()
        .filter(|(from, _)| {
            reference
                .strip_prefix(from.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
        .max_by_key(|(from, _)| from.len());
    if let Some((from, to)) = target {
        *reference = format!("{to}{}", &reference[from.len()..]);
    }
}
