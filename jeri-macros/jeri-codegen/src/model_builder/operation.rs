//! Paths and operations → model operations: parameters, bodies, responses, security.

use openapiv3::{
    Operation as OaOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    RequestBody, Response as OaResponse, SecurityRequirement, StatusCode,
};

use super::docs::{assumptions, docs_from};
use super::schema::{SRef, Shape, classify};
use super::{Builder, Built, OpSource};
use crate::diagnostics::{Diagnostics, child, index};
use crate::model::{
    Body, BodyMedia, IntType, Method, Operation, Param, ParamLocation, PathPart, Response,
    SecurityScheme, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::naming::{NameSet, pascal_case, pascal_ident, snake_case, snake_ident};
use crate::path_template;

const METHODS: [(&str, Method); 8] = [
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("options", Method::Options),
    ("head", Method::Head),
    ("patch", Method::Patch),
    ("trace", Method::Trace),
];

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

/// The media type without parameters, lowercased: `application/json; charset=utf-8` →
/// `application/json`.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `application/json` and `application/*+json` (`application/problem+json`, …).
pub(crate) fn is_json(media: &str) -> bool {
    let e = essence(media);
    e == "application/json" || (e.ends_with("+json") && e.contains('/'))
}

fn body_media(media: &str) -> Option<BodyMedia> {
    if is_json(media) {
        return Some(BodyMedia::Json);
    }
    match essence(media).as_str() {
        "application/x-www-form-urlencoded" => Some(BodyMedia::FormUrlEncoded),
        "application/octet-stream" => Some(BodyMedia::OctetStream),
        "text/plain" => Some(BodyMedia::Text),
        _ => None,
    }
}

/// Resolves `#/components/<section>/<name>` in a components map.
fn resolve<'d, T>(
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
            for (method_name, method) in METHODS {
                let Some(op) = method_op(item, method) else {
                    continue;
                };
                let op_pointer = child(&pointer, method_name);
                let (operation, mut source) = self.operation(
                    path,
                    &parts,
                    item,
                    &pointer,
                    (method_name, method),
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
        (method_name, method): (&str, Method),
        op: &OaOperation,
        pointer: &str,
        schemes: &[SecurityScheme],
    ) -> (Operation, OpSource) {
        let errors_before = self.diag.len();
        let explicit_id = op
            .operation_id
            .as_deref()
            .is_some_and(|id| !id.trim().is_empty());
        let id = match op
            .operation_id
            .as_deref()
            .filter(|id| !id.trim().is_empty())
        {
            Some(id) => id.to_owned(),
            None => snake_case(&format!("{method_name} {path}")),
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
        let operation = Operation {
            fn_name: snake_ident(&id),
            type_name,
            id,
            origin: pointer.to_owned(),
            method,
            path: path.to_owned(),
            path_parts: parts.to_vec(),
            docs,
            params,
            body,
            responses,
            security,
        };
        let failed = self.diag.len() > errors_before || !security_ok;
        (
            operation,
            OpSource {
                explicit_id,
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
            let location = match param {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => {
                    self.diag.error(
                        &p_pointer,
                        format!("cookie parameter `{}` is not supported", data.name),
                        "describe it as a `Cookie` header parameter, or remove it from the operation",
                    );
                    continue;
                }
            };
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    let hint = format!("{type_name}{}", pascal_case(&data.name));
                    self.type_ref(SRef::of(schema), &child(&p_pointer, "schema"), &hint)
                }
                ParameterSchemaOrContent::Content(_) => {
                    self.diag.error(
                        &child(&p_pointer, "content"),
                        format!(
                            "parameter `{}` uses `content`, which is not supported",
                            data.name
                        ),
                        "describe the parameter with `schema` instead",
                    );
                    continue;
                }
            };
            let docs = docs_from(
                self.diag,
                &p_pointer,
                None,
                data.description.as_deref(),
                &data.extensions,
                data.deprecated.unwrap_or(false),
            );
            let param = Param {
                rust_name: names.claim(&snake_ident(&data.name)),
                wire_name: data.name.clone(),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                docs,
            };
            out.push((param, p_pointer));
        }
        // Required first; the sort is stable, so each group keeps document order.
        out.sort_by_key(|(p, _)| !p.required);
        out.into_iter().unzip()
    }

    fn body(&mut self, op: &OaOperation, pointer: &str, type_name: &str) -> Option<Body> {
        let raw = op.request_body.as_ref()?;
        let b_pointer = child(pointer, "requestBody");
        let doc = self.doc;
        let lookup = |name: &str| {
            doc.components
                .as_ref()
                .and_then(|c| c.request_bodies.get(name))
        };
        let body: &RequestBody = resolve(self.diag, raw, "requestBodies", lookup, &b_pointer)?;
        if body.content.is_empty() {
            return None;
        }
        let rank = |m: BodyMedia| match m {
            BodyMedia::Json => 0,
            BodyMedia::FormUrlEncoded => 1,
            BodyMedia::OctetStream => 2,
            BodyMedia::Text => 3,
        };
        let chosen = body
            .content
            .iter()
            .filter_map(|(name, media)| Some((body_media(name)?, name, media)))
            .min_by_key(|(m, _, _)| rank(*m));
        let Some((media, media_name, media_type)) = chosen else {
            let listed = body
                .content
                .keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.diag.error(
                &child(&b_pointer, "content"),
                format!("request body media type {listed} is not supported"),
                "supported request bodies: `application/json` (and `+json` types), \
                 `application/x-www-form-urlencoded`, `application/octet-stream`, `text/plain`",
            );
            return None;
        };
        let schema_pointer = child(&child(&child(&b_pointer, "content"), media_name), "schema");
        let schema = media_type.schema.as_ref().map(SRef::of);
        let ty = match media {
            BodyMedia::OctetStream => TypeRef::Array(Box::new(TypeRef::Integer(IntType::U8))),
            BodyMedia::Text => TypeRef::String,
            BodyMedia::Json | BodyMedia::FormUrlEncoded => match schema {
                Some(s) => self.type_ref(s, &schema_pointer, &format!("{type_name}Body")),
                None => TypeRef::Json,
            },
        };
        let max_items = schema
            .and_then(|s| self.array_max_items(s))
            .map(|n| n as u64);
        let docs = docs_from(
            self.diag,
            &b_pointer,
            None,
            body.description.as_deref(),
            &body.extensions,
            false,
        );
        Some(Body {
            ty,
            required: body.required,
            max_items,
            docs,
            media,
        })
    }

    /// `maxItems` of an array schema, looking through references.
    fn array_max_items(&self, s: SRef<'_>) -> Option<usize> {
        let mut current = s;
        for _ in 0..16 {
            match current {
                SRef::Item(schema) => {
                    return match classify(schema) {
                        Shape::Array(_, max) => max,
                        _ => None,
                    };
                }
                SRef::Ref(r) => {
                    let key = super::schema::component_key(r)?;
                    current = self.component_schema(*self.by_key.get(&key)?)?;
                }
            }
        }
        None
    }

    fn responses(
        &mut self,
        op: &OaOperation,
        pointer: &str,
        type_name: &str,
        op_assumptions: &mut Vec<String>,
    ) -> Vec<Response> {
        let r_pointer = child(pointer, "responses");
        let mut listed: Vec<(StatusMatch, String, &ReferenceOr<OaResponse>)> = Vec::new();
        for (status, response) in &op.responses.responses {
            let (matcher, label) = match status {
                StatusCode::Code(c) => (StatusMatch::Code(*c), c.to_string()),
                StatusCode::Range(r) => (StatusMatch::Range(*r), format!("{r}XX")),
            };
            listed.push((matcher, label, response));
        }
        listed.sort_by_key(|(m, _, _)| match m {
            StatusMatch::Code(c) => (0, *c),
            StatusMatch::Range(r) => (1, *r),
            StatusMatch::Default => (2, 0),
        });
        if let Some(default) = &op.responses.default {
            listed.push((StatusMatch::Default, "default".to_owned(), default));
        }
        let doc = self.doc;
        let lookup = |name: &str| doc.components.as_ref().and_then(|c| c.responses.get(name));
        let mut out = Vec::new();
        for (status, label, raw) in listed {
            // The pointer uses the key as written; the spec may quote it or not, and ranges
            // may be written `2xx`.
            let key = op
                .responses
                .responses
                .keys()
                .find(|k| k.to_string() == label)
                .map_or(label.clone(), ToString::to_string);
            let this_pointer = child(&r_pointer, &key);
            let Some(response) = resolve(self.diag, raw, "responses", lookup, &this_pointer) else {
                continue;
            };
            for assumption in assumptions(self.diag, &this_pointer, &response.extensions) {
                op_assumptions.push(format!("Response `{label}`: {assumption}"));
            }
            let json = response.content.iter().find(|(name, _)| is_json(name));
            let ty = json.map(|(name, media)| match &media.schema {
                Some(schema) => {
                    let schema_pointer =
                        child(&child(&child(&this_pointer, "content"), name), "schema");
                    let suffix = pascal_ident(&label);
                    self.type_ref(
                        SRef::of(schema),
                        &schema_pointer,
                        &format!("{type_name}Response{suffix}"),
                    )
                }
                None => TypeRef::Json,
            });
            out.push(Response {
                status,
                ty,
                description: response.description.clone(),
            });
        }
        out
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
                if defined.is_some_and(|d| d.contains_key(name)) {
                    let scheme_pointer = child("components.securitySchemes", name);
                    self.diag.error(
                        &scheme_pointer,
                        format!("security scheme `{name}` is used by operations but its kind is not supported"),
                        "supported schemes: `type: apiKey` in a header or query, and `type: http` with \
                         `scheme: bearer`; pass other credentials through a custom runtime",
                    );
                } else {
                    self.diag.error(
                        &index(&base, i),
                        format!("security requirement names `{name}`, which is not defined in `components.securitySchemes`"),
                        format!("define `{name}` under `components.securitySchemes`, or fix the name"),
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
    /// Not at all (objects, maps, free-form JSON).
    No,
}

fn named_fit(types: &[TypeDef], name: &str, depth: usize) -> ParamFit {
    let Some(def) = types.iter().find(|t| t.name == name) else {
        return ParamFit::No;
    };
    match &def.kind {
        TypeKind::StringEnum { .. } => ParamFit::AsIs,
        TypeKind::Alias(ty) if is_scalar(ty) => ParamFit::AsIs,
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
                        ParamFit::AsIs | ParamFit::AsString => true,
                    },
                    TypeRef::Array(inner) => {
                        list = true;
                        is_scalar(inner)
                    }
                    other => is_scalar(other),
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
        _ => ParamFit::No,
    }
}

/// Parameters must be sendable as text: primitives, string enums, arrays of those.
/// Unions of text-like alternatives are taken as plain strings.
pub(super) fn check_param_types(built: &mut Built, diag: &mut Diagnostics<'_>) {
    let types = &built.api.types;
    for (op, source) in built.api.operations.iter_mut().zip(built.ops.iter_mut()) {
        for (param, pointer) in op.params.iter_mut().zip(&source.param_pointers) {
            let (inner, in_array) = match &mut param.ty {
                TypeRef::Array(inner) => (inner.as_mut(), true),
                other => (other, false),
            };
            match fit(types, inner) {
                ParamFit::AsIs => {}
                ParamFit::AsString => *inner = TypeRef::String,
                ParamFit::AsStringList if !in_array => {
                    *inner = TypeRef::Array(Box::new(TypeRef::String));
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
                            location_name(param.location)
                        ),
                        "use a string, number, boolean, string enum, or an array of those",
                    );
                    source.failed = true;
                }
            }
        }
    }
}

fn is_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Bool | TypeRef::Integer(_) | TypeRef::Number(_)
    )
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query string",
        ParamLocation::Header => "header",
    }
}
