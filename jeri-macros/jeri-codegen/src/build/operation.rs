//! Paths and operations → model operations: parameters, bodies, responses, security.

use openapiv3::{
    Operation as OaOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    SecurityRequirement,
};

use super::docs::docs_from;
use super::pagination;
use super::schema::SRef;
use super::{Builder, Built, OpSource};
use crate::build::path_template;
use crate::diagnostics::{Diagnostics, child, index};
use crate::model::{
    Check, IntType, Limit, Method, Operation, Param, ParamLocation, ParamStyle, PathPart,
    SecurityScheme, TypeDef, TypeKind, TypeRef,
};
use crate::rust::naming::{NameSet, pascal_case, pascal_ident, snake_case, snake_ident, unraw};

pub(crate) fn method_op(item: &PathItem, method: Method) -> Option<&OaOperation> {
    match method {
        Method::Get => item.get.as_ref(),
        Method::Put => item.put.as_ref(),
        Method::Post => item.post.as_ref(),
        Method::Delete => item.delete.as_ref(),
        Method::Options => item.options.as_ref(),
        Method::Head => item.head.as_ref(),
        Method::Patch => item.patch.as_ref(),
        Method::Trace => item.trace.as_ref(),
    }
}

/// Resolves `#/components/<section>/<name>` in a components map.
pub(super) fn resolve<'d, T>(
    diag: &mut Diagnostics<'_>,
    item: &'d ReferenceOr<T>,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'d ReferenceOr<T>>,
    pointer: &str,
) -> Option<&'d T> {
    let mut current = item;
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(t) => return Some(t),
            ReferenceOr::Reference { reference } => {
                let prefix = format!("#/components/{section}/");
                let Some(name) = reference.strip_prefix(&prefix) else {
                    diag.error(
                        pointer,
                        format!(
                            "`$ref: '{reference}'` is not a reference to `components.{section}`"
                        ),
                        format!("use a local reference of the form `{prefix}<Name>`"),
                    );
                    return None;
                };
                let name = name.replace("~1", "/").replace("~0", "~");
                match lookup(&name) {
                    Some(next) => current = next,
                    None => {
                        diag.error(
                            pointer,
                            format!("`$ref: '{reference}'` points to `{name}`, which does not exist in `components.{section}`"),
                            format!("define `{name}` under `components.{section}`, or fix the reference"),
                        );
                        return None;
                    }
                }
            }
        }
    }
    diag.error(
        pointer,
        format!("`$ref` chain in `components.{section}` loops"),
        "point the reference at a definition",
    );
    None
}

impl Builder<'_, '_, '_> {
    /// Every operation, in document order, with what the checks need.
    pub(super) fn operations(
        &mut self,
        schemes: &[SecurityScheme],
    ) -> (Vec<Operation>, Vec<OpSource>) {
        let mut operations = Vec::new();
        let mut sources = Vec::new();
        let doc = self.doc;
        for (path, item) in &doc.paths.paths {
            let pointer = child("paths", path);
            let ReferenceOr::Item(item) = item else {
                self.diag.error(
                    &pointer,
                    "path items given as `$ref` are not supported",
                    "write the path item inline",
                );
                continue;
            };
            let (parts, template_ok) = match path_template::parse(path) {
                Ok(parts) => (parts, true),
                Err(e) => {
                    self.diag.error(&pointer, e.message, e.help);
                    (vec![PathPart::Literal(path.clone())], false)
                }
            };
            for method in Method::ALL {
                let Some(op) = method_op(item, method) else {
                    continue;
                };
                let op_pointer = child(&pointer, method.key());
                let (operation, mut source) = self.operation(
                    path,
                    &parts,
                    item,
                    &pointer,
                    method,
                    op,
                    &op_pointer,
                    schemes,
                );
                source.failed |= !template_ok;
                operations.push(operation);
                sources.push(source);
            }
        }
        (operations, sources)
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        path: &str,
        parts: &[PathPart],
        item: &PathItem,
        path_pointer: &str,
        method: Method,
        op: &OaOperation,
        pointer: &str,
        schemes: &[SecurityScheme],
    ) -> (Operation, OpSource) {
        let errors_before = self.diag.len();
        let id = match op
            .operation_id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
        {
            Some(id) => id.to_owned(),
            None => snake_case(&format!("{} {path}", method.key())),
        };
        let type_name = pascal_ident(&id);
        let mut docs = docs_from(
            self.diag,
            pointer,
            op.summary.as_deref(),
            op.description.as_deref(),
            &op.extensions,
            op.deprecated,
        );
        let (params, param_pointers) = self.params(item, op, path_pointer, pointer, &type_name);
        let body = self.body(op, pointer, &type_name);
        let responses = self.responses(op, pointer, &type_name, &mut docs.assumptions);
        let (security, security_ok) = self.security(op, pointer, schemes);
        let pagination = match pagination::pagination(op) {
            Ok(pagination) => pagination,
            Err(reason) => {
                docs.assumptions.push(format!(
                    "Its pagination extension is not followed ({reason}): send each \
                     page's request yourself."
                ));
                None
            }
        };
        let operation = Operation {
            fn_name: crate::rust::reserved::avoiding(
                &snake_ident(&id),
                crate::rust::reserved::OPERATION_METHODS,
                "_operation",
            ),
            type_name,
            id,
            origin: pointer.to_owned(),
            method,
            path: path.to_owned(),
            path_parts: parts.to_vec(),
            tags: op.tags.clone(),
            docs,
            params,
            body,
            responses,
            security,
            pagination,
        };
        let failed = self.diag.len() > errors_before || !security_ok;
        (
            operation,
            OpSource {
                param_pointers,
                failed,
            },
        )
    }

    fn params(
        &mut self,
        item: &PathItem,
        op: &OaOperation,
        path_pointer: &str,
        pointer: &str,
        type_name: &str,
    ) -> (Vec<Param>, Vec<String>) {
        let doc = self.doc;
        let lookup = |name: &str| doc.components.as_ref().and_then(|c| c.parameters.get(name));
        let mut merged: Vec<(&Parameter, String)> = Vec::new();
        let levels = [(&item.parameters, path_pointer), (&op.parameters, pointer)];
        for (list, base) in levels {
            for (i, p) in list.iter().enumerate() {
                let p_pointer = index(&child(base, "parameters"), i);
                let Some(param) = resolve(self.diag, p, "parameters", lookup, &p_pointer) else {
                    continue;
                };
                let key = |q: &Parameter| {
                    (
                        q.parameter_data_ref().name.clone(),
                        std::mem::discriminant(q),
                    )
                };
                match merged.iter_mut().find(|(q, _)| key(q) == key(param)) {
                    Some(slot) => *slot = (param, p_pointer),
                    None => merged.push((param, p_pointer)),
                }
            }
        }
        let mut names = NameSet::with_reserved(&["body"]);
        let mut out: Vec<(Param, String)> = Vec::new();
        for (param, p_pointer) in merged {
            let data = param.parameter_data_ref();
            let (location, style) = match param {
                Parameter::Path { style, .. } => {
                    if !matches!(style, openapiv3::PathStyle::Simple) {
                        self.diag.error(
                            &child(&p_pointer, "style"),
                            format!(
                                "path parameter `{}` uses `style: {}`, which is not supported",
                                data.name,
                                if matches!(style, openapiv3::PathStyle::Matrix) {
                                    "matrix"
                                } else {
                                    "label"
                                }
                            ),
                            "use the default `style: simple`, or leave the operation out with \
                             the `skip(...)` setting",
                        );
                    }
                    (ParamLocation::Path, ParamStyle::Simple)
                }
                Parameter::Query { style, .. } => {
                    let style = match style {
                        openapiv3::QueryStyle::Form => ParamStyle::Form {
                            explode: data.explode.unwrap_or(true),
                        },
                        openapiv3::QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                        openapiv3::QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                        openapiv3::QueryStyle::DeepObject => ParamStyle::DeepObject,
                    };
                    (ParamLocation::Query, style)
                }
                Parameter::Header { .. } => (ParamLocation::Header, ParamStyle::Simple),
                Parameter::Cookie { .. } => (
                    ParamLocation::Cookie,
                    ParamStyle::Form {
                        explode: data.explode.unwrap_or(true),
                    },
                ),
            };
            let hint = format!("{type_name}{}", pascal_case(&data.name));
            let (ty, style) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => (
                    self.type_ref(SRef::of(schema), &child(&p_pointer, "schema"), &hint),
                    style,
                ),
                // `content` holds exactly one media type: the value is that document.
                ParameterSchemaOrContent::Content(content) => {
                    let Some((media, media_type)) = content.iter().next() else {
                        self.diag.error(
                            &child(&p_pointer, "content"),
                            format!("parameter `{}` has an empty `content`", data.name),
                            "give `content` one media type with a schema, e.g. \
                             `application/json`",
                        );
                        continue;
                    };
                    let schema_pointer =
                        child(&child(&child(&p_pointer, "content"), media), "schema");
                    let ty = match &media_type.schema {
                        Some(schema) => self.type_ref(SRef::of(schema), &schema_pointer, &hint),
                        None => TypeRef::Json,
                    };
                    if crate::model::is_json(media) {
                        (ty, ParamStyle::Json)
                    } else {
                        (TypeRef::String, ParamStyle::Simple)
                    }
                }
            };
            let mut docs = docs_from(
                self.diag,
                &p_pointer,
                None,
                data.description.as_deref(),
                &data.extensions,
                data.deprecated.unwrap_or(false),
            );
            let check = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => self
                    .reader
                    .check(SRef::of(schema), &child(&p_pointer, "schema")),
                ParameterSchemaOrContent::Content(_) => Check::any(),
            };
            docs.limits = self.rules.words(&check, true);
            let limits = if style == ParamStyle::Json {
                Vec::new()
            } else {
                self.rules.limits(&check)
            };
            let param = Param {
                rust_name: param_name(&mut names, &data.name, location),
                wire_name: data.name.clone(),
                location,
                ty,
                style,
                structured: style == ParamStyle::Json,
                required: data.required || location == ParamLocation::Path,
                docs,
                check,
                limits,
                example: param_example(data),
            };
            out.push((param, p_pointer));
        }
        // Required first; the sort is stable, so each group keeps document order.
        out.sort_by_key(|(p, _)| !p.required);
        out.into_iter().unzip()
    }

    /// The security alternatives, and whether every scheme they name could be used.
    fn security(
        &mut self,
        op: &OaOperation,
        pointer: &str,
        schemes: &[SecurityScheme],
    ) -> (Vec<Vec<String>>, bool) {
        let (requirements, base): (&[SecurityRequirement], String) = match &op.security {
            Some(list) => (list, child(pointer, "security")),
            None => (
                self.doc.security.as_deref().unwrap_or(&[]),
                "security".to_owned(),
            ),
        };
        let defined = self.doc.components.as_ref().map(|c| &c.security_schemes);
        let mut alternatives = Vec::new();
        let mut all_usable = true;
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut usable = true;
            for name in requirement.keys() {
                if schemes.iter().any(|s| &s.name == name) {
                    alternative.push(name.clone());
                    continue;
                }
                usable = false;
                // A defined scheme missing from `schemes` is a `$ref`, reported where it
                // is defined.
                if !defined.is_some_and(|d| d.contains_key(name)) {
                    self.diag.error(
                        &index(&base, i),
                        format!("security requirement names `{name}`, which is not defined in `components.securitySchemes`"),
                        format!("define `{name}` under `components.securitySchemes`, fix the name, or leave the operation out with the `skip(...)` setting"),
                    );
                }
            }
            if usable {
                alternatives.push(alternative);
            }
            all_usable &= usable;
        }
        (alternatives, all_usable)
    }
}

/// How a parameter type can be sent as text.
enum ParamFit {
    /// As it is: a primitive, a string enum, an alias of a primitive.
    AsIs,
    /// A union of text-like alternatives (`NameOrId`): sent as the text the caller gives.
    AsString,
    /// A union of text-like values and lists of them (`string | string[]`): sent as a list
    /// (one item is the same on the wire as the single value).
    AsStringList,
    /// As the integer its values are: an integer enum (the number the caller gives).
    AsInteger(IntType),
    /// Not at all (objects, maps, free-form JSON).
    No,
}

fn named_fit(types: &[TypeDef], name: &str, depth: usize) -> ParamFit {
    let Some(def) = types.iter().find(|t| t.name == name) else {
        return ParamFit::No;
    };
    match &def.kind {
        TypeKind::StringEnum { .. } => ParamFit::AsIs,
        TypeKind::IntegerEnum { int, .. } => ParamFit::AsInteger(*int),
        TypeKind::Alias(ty) if is_scalar(ty) => ParamFit::AsIs,
        TypeKind::Alias(TypeRef::Format(_)) => ParamFit::AsString,
        TypeKind::Alias(TypeRef::Named(inner)) if depth < 16 => named_fit(types, inner, depth + 1),
        TypeKind::Union {
            tag: None,
            variants,
        } => {
            let mut list = false;
            for variant in variants {
                let ok = match &variant.ty {
                    TypeRef::Named(n) if depth < 16 => match named_fit(types, n, depth + 1) {
                        ParamFit::No => false,
                        ParamFit::AsStringList => {
                            list = true;
                            true
                        }
                        ParamFit::AsIs | ParamFit::AsString | ParamFit::AsInteger(_) => true,
                    },
                    TypeRef::Array(inner) => {
                        list = true;
                        is_scalar(inner)
                    }
                    other => is_scalar(other) || matches!(other, TypeRef::Format(_)),
                };
                if !ok {
                    return ParamFit::No;
                }
            }
            if list {
                ParamFit::AsStringList
            } else {
                ParamFit::AsString
            }
        }
        _ => ParamFit::No,
    }
}

fn fit(types: &[TypeDef], ty: &TypeRef) -> ParamFit {
    match ty {
        TypeRef::Named(n) => named_fit(types, n, 0),
        other if is_scalar(other) => ParamFit::AsIs,
        // Parameters are text the caller writes: a date or UUID parameter stays a string
        // (`Display` of a chrono date-time is not RFC 3339, so it could not be sent as is).
        TypeRef::Format(_) => ParamFit::AsString,
        _ => ParamFit::No,
    }
}

/// Keeps the limits that fit the type the parameter's value has as it is sent, behind any
/// aliases: a limit is checked on the Rust value (not a length on a number, nor bounds on
/// an enum).
fn keep_fitting_limits(types: &[TypeDef], param: &mut Param) {
    let target = alias_target(types, &param.ty);
    param.limits.retain(|limit| match limit {
        Limit::Minimum { .. } | Limit::Maximum { .. } => {
            matches!(target, TypeRef::Integer(_) | TypeRef::Number(_))
        }
        Limit::MinLength(_) | Limit::MaxLength(_) => *target == TypeRef::String,
        Limit::MinItems(_) | Limit::MaxItems(_) => matches!(target, TypeRef::Array(_)),
        Limit::Listed(_) => is_open_enum(types, target),
    });
}

/// Whether the type is a generated enum with a catch-all variant (not a constant, which
/// holds its one value only).
fn is_open_enum(types: &[TypeDef], ty: &TypeRef) -> bool {
    let TypeRef::Named(name) = ty else {
        return false;
    };
    types.iter().any(|def| {
        &def.name == name
            && def.kind.constant_value().is_none()
            && matches!(
                def.kind,
                TypeKind::StringEnum { .. } | TypeKind::IntegerEnum { .. }
            )
    })
}

/// The type behind a chain of aliases (`PageSize` = `i64`).
fn alias_target<'t>(types: &'t [TypeDef], ty: &'t TypeRef) -> &'t TypeRef {
    let mut current = ty;
    for _ in 0..16 {
        let TypeRef::Named(name) = current else { break };
        match types.iter().find(|def| &def.name == name) {
            Some(TypeDef {
                kind: TypeKind::Alias(target),
                ..
            }) => current = target,
            _ => break,
        }
    }
    current
}

/// Parameters must be sendable as text: primitives, string enums, arrays of those.
/// Unions of text-like alternatives are taken as plain strings.
pub(super) fn check_param_types(built: &mut Built, diag: &mut Diagnostics<'_>) {
    let types = &built.api.types;
    for (op, source) in built.api.operations.iter_mut().zip(built.ops.iter_mut()) {
        for (param, pointer) in op.params.iter_mut().zip(&source.param_pointers) {
            if param.style == ParamStyle::DeepObject {
                param.structured = true;
            }
            if param.structured {
                keep_fitting_limits(types, param);
                continue;
            }
            let (inner, in_array) = match &mut param.ty {
                TypeRef::Array(inner) => (inner.as_mut(), true),
                other => (other, false),
            };
            match fit(types, inner) {
                ParamFit::AsIs => {}
                ParamFit::AsString => *inner = TypeRef::String,
                ParamFit::AsInteger(int) => *inner = TypeRef::Integer(int),
                ParamFit::AsStringList if !in_array => {
                    *inner = TypeRef::Array(Box::new(TypeRef::String));
                }
                // An exploded form parameter sends an object as one key per property
                // (and a list of them as repeated keys), whatever its type.
                ParamFit::No | ParamFit::AsStringList
                    if param.location == ParamLocation::Query
                        && param.style == (ParamStyle::Form { explode: true }) =>
                {
                    param.structured = true;
                }
                // The schema's own error was reported where it is; this would only
                // repeat it.
                ParamFit::No | ParamFit::AsStringList
                    if diag.has_error_within(&child(pointer, "schema")) =>
                {
                    source.failed = true;
                }
                ParamFit::No | ParamFit::AsStringList => {
                    let what = if in_array {
                        "an array of a type"
                    } else {
                        "a type"
                    };
                    diag.error(
                        &child(pointer, "schema"),
                        format!(
                            "parameter `{}` has {what} that cannot be sent in a {}",
                            param.wire_name,
                            match param.location {
                                ParamLocation::Query => "query string",
                                other => other.as_str(),
                            }
                        ),
                        "use a string, number, boolean, string enum, or an array of those; \
                         objects go in the query string (`style: form` or `deepObject`) or in \
                         `content: {application/json: ...}`",
                    );
                    source.failed = true;
                }
            }
            keep_fitting_limits(types, param);
        }
    }
}

fn is_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_)
    )
}

/// The Rust argument of a parameter: its name in snake case, or, when another parameter
/// of the operation already has that (`name` in the path and in the query,
/// `sort.direction` and `sort_direction`, `Last-Event-ID` and `last_event_id`), the name
/// followed by its location (`name_query`, `last_event_id_header`), numbered if that is
/// taken too. The first in document order keeps the plain name.
fn param_name(names: &mut NameSet, wire_name: &str, location: ParamLocation) -> String {
    let plain = snake_ident(wire_name);
    if names.is_free(&plain) {
        return names.claim(&plain);
    }
    names.claim(&format!("{}_{}", unraw(&plain), location.as_str()))
}

/// A parameter's example: its `example`, its first `examples` value, or its inline
/// schema's `example` or `default`.
fn param_example(data: &openapiv3::ParameterData) -> Option<serde_json::Value> {
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(openapiv3::ReferenceOr::Item(schema)) => Some(schema),
        _ => None,
    };
    data.example
        .clone()
        .or_else(|| super::media::first_example(data.examples.values()))
        .or_else(|| schema.and_then(|s| s.schema_data.example.clone()))
        .or_else(|| schema.and_then(|s| s.schema_data.default.clone()))
}
