//! Rules that only a generated server needs: patterns it must compile, paths axum must
//! route. A client states patterns in docs and sends any path.

use crate::diagnostics::{Diagnostics, child};
use crate::model::{Api, Method, PathPart};

/// `pattern`s a generated server cannot compile (`fancy-regex`'s syntax: the `regex`
/// crate's with look-around and backreferences); a client only states patterns in its
/// docs.
pub fn patterns(api: &Api, diag: &mut Diagnostics<'_>) {
    for bad in &api.rules.bad_patterns {
        diag.error(
            &bad.pointer,
            format!(
                "`pattern: '{}'` cannot be checked by the generated server: {}",
                bad.pattern, bad.error
            ),
            "write the pattern in the syntax of the Rust `regex` crate (look-around and backreferences allowed), or remove it",
        );
    }
}

/// Spec problems that only matter for a server: paths axum cannot route as written, and
/// two operations on the same route and method.
pub fn routes(api: &Api, diag: &mut Diagnostics<'_>) {
    let mut seen: Vec<(String, Method, &str)> = Vec::new();
    for op in &api.operations {
        for (i, part) in op.path_parts.iter().enumerate() {
            let whole_segment = match part {
                PathPart::Param(_) => {
                    let before = i.checked_sub(1).and_then(|j| op.path_parts.get(j));
                    let after = op.path_parts.get(i + 1);
                    let starts = match before {
                        None => false,
                        Some(PathPart::Literal(text)) => text.ends_with('/'),
                        Some(PathPart::Param(_)) => false,
                    };
                    let ends = match after {
                        None => true,
                        Some(PathPart::Literal(text)) => text.starts_with('/'),
                        Some(PathPart::Param(_)) => false,
                    };
                    starts && ends
                }
                PathPart::Literal(text) => !text
                    .split('/')
                    .any(|segment| segment.starts_with(':') || segment.starts_with('*')),
            };
            if !whole_segment {
                diag.error(
                    &child("paths", &op.path),
                    format!(
                        "the path `{}` cannot be routed by the generated server: each `{{parameter}}` must be a whole path segment, and no segment may start with `:` or `*`",
                        op.path
                    ),
                    "give the parameter its own segment (`/files/{name}` rather than `/files/{name}.json`)",
                );
                break;
            }
        }
        let route = op.route_shape();
        if let Some((_, _, other)) = seen.iter().find(|(r, m, _)| *r == route && *m == op.method) {
            diag.error(
                &op.origin,
                format!(
                    "`{}` and `{other}` are the same route for a server (`{} {route}`)",
                    op.id,
                    op.method.as_str()
                ),
                "remove one of them, or give their paths different literal segments",
            );
        }
        seen.push((route, op.method, &op.id));
    }
}
