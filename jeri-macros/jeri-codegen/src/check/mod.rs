//! Rules over the built model, one per function. Each returns the operations that must
//! not be generated.

pub mod server;

use std::collections::HashMap;

use crate::Settings;
use crate::build::Built;
use crate::build::path_template;
use crate::diagnostics::{Diagnostics, child};
use crate::model::ParamLocation;
use crate::rust::naming::unraw;

/// Runs every rule; returns the indices of operations to leave out.
pub fn run(built: &Built, settings: &Settings, diag: &mut Diagnostics<'_>) -> Vec<usize> {
    let mut skip = Vec::new();
    skip.extend(duplicate_operation_ids(built, diag));
    skip.extend(colliding_method_names(built, diag));
    skip.extend(undeclared_path_params(built, diag));
    skip.extend(unused_path_params(built, diag));
    skip.sort_unstable();
    skip.dedup();
    scopes(&built.api, settings, diag);
    skip
}

/// Two operations with one `operationId`: both places are reported; the later ones are
/// skipped.
pub fn duplicate_operation_ids(built: &Built, diag: &mut Diagnostics<'_>) -> Vec<usize> {
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, op) in built.api.operations.iter().enumerate() {
        by_id.entry(op.id.as_str()).or_default().push(i);
    }
    let mut groups: Vec<_> = by_id.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    let mut skip = Vec::new();
    for group in groups {
        let ops = &built.api.operations;
        let places = group
            .iter()
            .map(|&i| format!("`{}`", ops[i].origin))
            .collect::<Vec<_>>()
            .join(" and ");
        for &i in &group {
            diag.error(
                &child(&ops[i].origin, "operationId"),
                format!(
                    "operationId `{}` is used by more than one operation: {places}",
                    ops[i].id
                ),
                "give each operation a unique operationId",
            );
        }
        skip.extend(group.into_iter().skip(1));
    }
    skip
}

/// Different operationIds that become the same method name (`getUser`, `get_user`).
pub fn colliding_method_names(built: &Built, diag: &mut Diagnostics<'_>) -> Vec<usize> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut skip = Vec::new();
    for (i, op) in built.api.operations.iter().enumerate() {
        match first.get(unraw(&op.fn_name)) {
            Some(&j) if built.api.operations[j].id != op.id => {
                let other = &built.api.operations[j];
                diag.error(
                    &child(&op.origin, "operationId"),
                    format!(
                        "operationId `{}` becomes the method name `{}`, like `{}` at `{}`",
                        op.id, op.fn_name, other.id, other.origin
                    ),
                    "choose operationIds that differ in more than case and separators",
                );
                skip.push(i);
            }
            Some(_) => {}
            None => {
                first.insert(unraw(&op.fn_name), i);
            }
        }
    }
    skip
}

/// `{name}` in the path template without a path parameter of that name.
pub fn undeclared_path_params(built: &Built, diag: &mut Diagnostics<'_>) -> Vec<usize> {
    let mut skip = Vec::new();
    for (i, op) in built.api.operations.iter().enumerate() {
        for name in path_template::params(&op.path_parts) {
            let declared = op
                .params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == name);
            if !declared {
                diag.error(
                    &op.origin,
                    format!("the path `{}` uses `{{{name}}}`, but the operation declares no path parameter `{name}`", op.path),
                    format!(
                        "add `{{name: {name}, in: path, required: true, schema: {{type: string}}}}` to the \
                         operation's or the path's `parameters`"
                    ),
                );
                skip.push(i);
            }
        }
    }
    skip
}

/// Path parameters that the path template does not contain.
pub fn unused_path_params(built: &Built, diag: &mut Diagnostics<'_>) -> Vec<usize> {
    let mut skip = Vec::new();
    for (i, (op, source)) in built.api.operations.iter().zip(&built.ops).enumerate() {
        for (param, pointer) in op.params.iter().zip(&source.param_pointers) {
            if param.location != ParamLocation::Path {
                continue;
            }
            if !path_template::params(&op.path_parts).any(|n| n == param.wire_name) {
                diag.error(
                    pointer,
                    format!(
                        "path parameter `{}` is declared, but the path `{}` has no `{{{}}}`",
                        param.wire_name, op.path, param.wire_name
                    ),
                    format!(
                        "add `{{{}}}` to the path, or remove the parameter (or change its `in`)",
                        param.wire_name
                    ),
                );
                skip.push(i);
            }
        }
    }
    skip
}

/// Each `scope(...)` setting must name a security scheme the spec defines.
pub fn scopes(api: &crate::model::Api, settings: &Settings, diag: &mut Diagnostics<'_>) {
    for scope in &settings.scopes {
        if api.security_schemes.iter().any(|s| s.name == scope.scheme) {
            continue;
        }
        let known = api
            .security_schemes
            .iter()
            .map(|s| format!("`{}`", s.name))
            .collect::<Vec<_>>();
        let help = if known.is_empty() {
            "the spec defines no usable security scheme under `components.securitySchemes`"
                .to_owned()
        } else {
            format!("use one of: {}", known.join(", "))
        };
        diag.error(
            "components.securitySchemes",
            format!(
                "`scope({} = \"{}\")` names a security scheme that the spec does not define",
                scope.client_name, scope.scheme
            ),
            help,
        );
    }
}
