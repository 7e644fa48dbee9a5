//! Swagger 2.0 → the OpenAPI 3.0 form, on the value.
//!
//! - `host`, `basePath` and `schemes` are the server URLs (one per scheme; `https` when
//!   none is listed; a relative URL of the base path when there is no host).
//! - `consumes` and `produces` (the operation's, else the document's, else
//!   `application/json`) are the media types of the request body and responses.
//! - An `in: body` parameter is the request body; `in: formData` parameters are the
//!   properties of a form body: `multipart/form-data` when one is `type: file` (a file
//!   part, bytes) or the operation consumes it, else `application/x-www-form-urlencoded`.
//! - Other parameters keep their place, their type keywords becoming the `schema`;
//!   `collectionFormat` is a style: `csv` is `form` (query) or `simple` without explode,
//!   `ssv` is `spaceDelimited`, `pipes` is `pipeDelimited`, `multi` is `form` with
//!   explode. `tsv` has no 3.0 style: such a parameter is a `string` that the caller
//!   gives as the tab-separated text, said in its description, so what is sent is what
//!   the server expects.
//! - A `type: file` response is bytes (`format: binary` under the media types produced,
//!   `application/octet-stream` when those are only JSON).
//! - `definitions`, shared `parameters` and `responses` are the components of the same
//!   kind (a shared body or form parameter is read where it is used); `$ref`s follow.
//! - `securityDefinitions` are the security schemes: `basic` is HTTP basic, `apiKey` is
//!   the same, `oauth2` flows (`implicit`, `password`, `application` → client
//!   credentials, `accessCode` → authorization code) keep their URLs and scopes.
//! - `x-nullable: true` is `nullable: true`; a `discriminator` property name is a
//!   discriminator object.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::PointerMap;
use super::defs::rewrite_refs;
use super::schema_sites::each_schema;
use crate::diagnostics::{Diagnostics, child, index};

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Keywords of a non-body parameter (or header, or items object) that belong to its schema.
const SCHEMA_KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// Rewrites a Swagger 2.0 document into the 3.0 form in place.
pub(super) fn convert(doc: &mut Value, origins: &mut PointerMap, diag: &mut Diagnostics<'_>) {
    let Value::Mapping(root) = doc else { return };
    root.remove("swagger");
    let consumes = media_list(root.remove("consumes").as_ref());
    let produces = media_list(root.remove("produces").as_ref());
    let servers = servers(root);
    let shared_parameters = match root.remove("parameters") {
        Some(Value::Mapping(map)) => map,
        _ => Mapping::new(),
    };
    let mut components = Mapping::new();
    if let Some(definitions) = root.remove("definitions") {
        origins.record("components.schemas", "definitions");
        components.insert("schemas".into(), definitions);
    }
    let mut parameters = Mapping::new();
    for (name, parameter) in &shared_parameters {
        let Some(key) = name.as_str() else { continue };
        if !is_body_like(parameter) {
            let converted = parameter_3(parameter.clone(), &mut Vec::new());
            let (to, from) = (
                child("components.parameters", key),
                child("parameters", key),
            );
            origins.record(child(&to, "schema"), from.clone());
            origins.record(to, from);
            parameters.insert(name.clone(), converted);
        }
    }
    if !parameters.is_empty() {
        components.insert("parameters".into(), Value::Mapping(parameters));
    }
    if let Some(Value::Mapping(responses)) = root.remove("responses") {
        let mut converted = Mapping::new();
        for (name, response) in responses {
            let key = name.as_str().unwrap_or_default().to_owned();
            let (to, from) = (
                child("components.responses", &key),
                child("responses", &key),
            );
            origins.record(to.clone(), from.clone());
            converted.insert(name, response_3(response, &produces, &to, &from, origins));
        }
        components.insert("responses".into(), Value::Mapping(converted));
    }
    if let Some(Value::Mapping(schemes)) = root.remove("securityDefinitions") {
        origins.record("components.securitySchemes", "securityDefinitions");
        let converted = schemes
            .into_iter()
            .map(|(name, scheme)| (name, security_scheme(scheme)))
            .collect();
        components.insert("securitySchemes".into(), Value::Mapping(converted));
    }
    if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let (Some(path), Value::Mapping(item)) = (path.as_str(), item) else {
                continue;
            };
            let here = child("paths", path);
            path_item(
                item,
                &here,
                &shared_parameters,
                (&consumes, &produces),
                origins,
                diag,
            );
        }
    }
    root.insert("openapi".into(), "3.0.3".into());
    if !servers.is_empty() {
        root.insert("servers".into(), Value::Sequence(servers));
    }
    if !components.is_empty() {
        root.insert("components".into(), Value::Mapping(components));
    }
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    let moved = BTreeMap::from([
        (
            "#/definitions".to_owned(),
            "#/components/schemas".to_owned(),
        ),
        (
            "#/parameters".to_owned(),
            "#/components/parameters".to_owned(),
        ),
        (
            "#/responses".to_owned(),
            "#/components/responses".to_owned(),
        ),
    ]);
    rewrite_refs(doc, &moved);
    each_schema(doc, &mut |schema, _| schema_3(schema));
}

fn media_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|m| m.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn servers(root: &mut Mapping) -> Vec<Value> {
    let host = root.remove("host");
    let base = root.remove("basePath");
    let schemes = media_list(root.remove("schemes").as_ref());
    let base = base.as_ref().and_then(Value::as_str).unwrap_or("");
    let Some(host) = host.as_ref().and_then(Value::as_str) else {
        if base.is_empty() {
            return Vec::new();
        }
        return vec![server(base.to_owned())];
    };
    let schemes = if schemes.is_empty() {
        vec!["https".to_owned()]
    } else {
        schemes
    };
    schemes
        .iter()
        .map(|scheme| server(format!("{scheme}://{host}{base}")))
        .collect()
}

fn server(url: String) -> Value {
    let mut map = Mapping::new();
    map.insert("url".into(), url.into());
    Value::Mapping(map)
}

fn is_body_like(parameter: &Value) -> bool {
    matches!(
        parameter.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

/// A 2.0 schema's own 2.0 spellings.
fn schema_3(schema: &mut Value) {
    let Value::Mapping(map) = schema else { return };
    if let Some(nullable) = map.remove("x-nullable") {
        map.insert("nullable".into(), nullable);
    }
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".into(), "string".into());
        map.insert("format".into(), "binary".into());
    }
    if let Some(Value::String(property)) = map.get("discriminator").cloned() {
        let mut discriminator = Mapping::new();
        discriminator.insert("propertyName".into(), property.into());
        map.insert("discriminator".into(), Value::Mapping(discriminator));
    }
}

/// The schema a non-body parameter, header or items object describes with its own
/// keywords; its `collectionFormat`s are pushed to `formats` (outermost first).
fn inline_schema(map: &mut Mapping, formats: &mut Vec<String>) -> Mapping {
    let mut schema = Mapping::new();
    if let Some(Value::String(format)) = map.remove("collectionFormat") {
        formats.push(format);
    }
    for key in SCHEMA_KEYWORDS {
        if let Some(value) = map.remove(key) {
            schema.insert(key.into(), value);
        }
    }
    if let Some(Value::Mapping(mut items)) = schema.remove("items") {
        let items = inline_schema(&mut items, &mut Vec::new());
        schema.insert("items".into(), Value::Mapping(items));
    }
    let mut value = Value::Mapping(schema);
    schema_3(&mut value);
    match value {
        Value::Mapping(schema) => schema,
        _ => Mapping::new(),
    }
}

/// A non-body parameter in the 3.0 form.
fn parameter_3(parameter: Value, formats: &mut Vec<String>) -> Value {
    let Value::Mapping(mut map) = parameter else {
        return parameter;
    };
    if map.contains_key("$ref") {
        return Value::Mapping(map);
    }
    let location = map
        .get("in")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let mut schema = inline_schema(&mut map, formats);
    let is_array = schema.get("type").and_then(Value::as_str) == Some("array");
    let format = formats.first().cloned().unwrap_or_else(|| "csv".to_owned());
    if is_array {
        let (style, explode) = match format.as_str() {
            "multi" => (Some("form"), true),
            "ssv" => (Some("spaceDelimited"), false),
            "pipes" => (Some("pipeDelimited"), false),
            "tsv" => (None, false),
            _ if location == "query" || location == "formData" => (Some("form"), false),
            _ => (Some("simple"), false),
        };
        match style {
            Some(style) => {
                map.insert("style".into(), style.into());
                map.insert("explode".into(), explode.into());
            }
            None => {
                let note = "The values separated by tabs (`collectionFormat: tsv`), as one text.";
                let description = match map.get("description").and_then(Value::as_str) {
                    Some(text) => format!("{text}\n\n{note}"),
                    None => note.to_owned(),
                };
                map.insert("description".into(), description.into());
                schema = Mapping::new();
                schema.insert("type".into(), "string".into());
            }
        }
    }
    map.insert("schema".into(), Value::Mapping(schema));
    map.remove("allowEmptyValue");
    Value::Mapping(map)
}

fn security_scheme(scheme: Value) -> Value {
    let Value::Mapping(mut map) = scheme else {
        return scheme;
    };
    match map.get("type").and_then(Value::as_str) {
        Some("basic") => {
            map.insert("type".into(), "http".into());
            map.insert("scheme".into(), "basic".into());
        }
        Some("oauth2") => {
            let flow = map.remove("flow");
            let mut body = Mapping::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = map.remove(key) {
                    body.insert(key.into(), url);
                }
            }
            let scopes = map
                .remove("scopes")
                .unwrap_or_else(|| Value::Mapping(Mapping::new()));
            body.insert("scopes".into(), scopes);
            let name = match flow.as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut flows = Mapping::new();
            flows.insert(name.into(), Value::Mapping(body));
            map.insert("flows".into(), Value::Mapping(flows));
        }
        _ => {}
    }
    Value::Mapping(map)
}

/// A response in the 3.0 form: its schema under each media type produced.
fn response_3(
    response: Value,
    produces: &[String],
    to: &str,
    from: &str,
    origins: &mut PointerMap,
) -> Value {
    let Value::Mapping(mut map) = response else {
        return response;
    };
    if map.contains_key("$ref") {
        return Value::Mapping(map);
    }
    let examples = match map.remove("examples") {
        Some(Value::Mapping(examples)) => examples,
        _ => Mapping::new(),
    };
    if let Some(mut schema) = map.remove("schema") {
        let file = schema.get("type").and_then(Value::as_str) == Some("file");
        schema_3(&mut schema);
        let mut media: Vec<String> = if produces.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            produces.to_vec()
        };
        if file && media.iter().all(|m| crate::model::is_json(m)) {
            media = vec!["application/octet-stream".to_owned()];
        }
        let mut content = Mapping::new();
        for media_type in media {
            let mut entry = Mapping::new();
            entry.insert("schema".into(), schema.clone());
            if let Some(example) = examples.get(media_type.as_str()) {
                entry.insert("example".into(), example.clone());
            }
            let at = child(&child(&child(to, "content"), &media_type), "schema");
            origins.record(at, child(from, "schema"));
            content.insert(media_type.into(), Value::Mapping(entry));
        }
        map.insert("content".into(), Value::Mapping(content));
    }
    if let Some(Value::Mapping(headers)) = map.get_mut("headers") {
        for (name, header) in headers.iter_mut() {
            if let Value::Mapping(header) = header {
                let schema = inline_schema(header, &mut Vec::new());
                header.insert("schema".into(), Value::Mapping(schema));
                let key = name.as_str().unwrap_or_default();
                let at = child(&child(to, "headers"), key);
                origins.record(child(&at, "schema"), child(&child(from, "headers"), key));
            }
        }
    }
    if !map.contains_key("description") {
        map.insert("description".into(), "".into());
    }
    Value::Mapping(map)
}

/// Resolves `#/parameters/<Name>` to the shared parameter (for body and form parameters,
/// which are read where they are used).
fn resolved<'p>(parameter: &'p Value, shared: &'p Mapping) -> &'p Value {
    let name = parameter
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/parameters/"));
    name.and_then(|n| shared.get(n)).unwrap_or(parameter)
}

fn path_item(
    item: &mut Mapping,
    here: &str,
    shared: &Mapping,
    (consumes, produces): (&[String], &[String]),
    origins: &mut PointerMap,
    diag: &mut Diagnostics<'_>,
) {
    // Path-level body and form parameters go to each operation; the rest stay.
    let mut inherited: Vec<(String, Value)> = Vec::new();
    if let Some(Value::Sequence(parameters)) = item.remove("parameters") {
        let mut kept = Vec::new();
        for (i, parameter) in parameters.into_iter().enumerate() {
            let from = index(&child(here, "parameters"), i);
            if is_body_like(resolved(&parameter, shared)) {
                inherited.push((from, resolved(&parameter, shared).clone()));
            } else {
                keep_parameter(&mut kept, parameter, here, from, origins);
            }
        }
        if !kept.is_empty() {
            item.insert("parameters".into(), Value::Sequence(kept));
        }
    }
    for method in METHODS {
        let Some(Value::Mapping(operation)) = item.get_mut(method) else {
            continue;
        };
        let at = child(here, method);
        operation_3(
            operation,
            &at,
            &inherited,
            shared,
            (consumes, produces),
            origins,
            diag,
        );
    }
}

fn operation_3(
    operation: &mut Mapping,
    here: &str,
    inherited: &[(String, Value)],
    shared: &Mapping,
    (consumes, produces): (&[String], &[String]),
    origins: &mut PointerMap,
    diag: &mut Diagnostics<'_>,
) {
    let op_consumes = match operation.remove("consumes") {
        Some(list) => media_list(Some(&list)),
        None => consumes.to_vec(),
    };
    let op_produces = match operation.remove("produces") {
        Some(list) => media_list(Some(&list)),
        None => produces.to_vec(),
    };
    operation.remove("schemes");
    let mut body: Option<(String, Value)> = None;
    let mut form: Vec<(String, Value)> = Vec::new();
    let mut kept = Vec::new();
    let own = match operation.remove("parameters") {
        Some(Value::Sequence(parameters)) => parameters,
        _ => Vec::new(),
    };
    let own_pointers = (0..own.len()).map(|i| index(&child(here, "parameters"), i));
    let all = inherited.iter().cloned().chain(own_pointers.zip(own));
    for (from, parameter) in all {
        let target = resolved(&parameter, shared).clone();
        match target.get("in").and_then(Value::as_str) {
            Some("body") => body = Some((from, target)),
            Some("formData") => form.push((from, target)),
            _ => keep_parameter(&mut kept, parameter, here, from, origins),
        }
    }
    if !kept.is_empty() {
        operation.insert("parameters".into(), Value::Sequence(kept));
    }
    let request_body = child(here, "requestBody");
    if let Some((from, parameter)) = body {
        let media = if op_consumes.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            op_consumes.clone()
        };
        let schema = parameter
            .get("schema")
            .cloned()
            .unwrap_or_else(|| Value::Mapping(Mapping::new()));
        let mut content = Mapping::new();
        for media_type in media {
            let mut entry = Mapping::new();
            entry.insert("schema".into(), schema.clone());
            let at = child(
                &child(&child(&request_body, "content"), &media_type),
                "schema",
            );
            origins.record(at, child(&from, "schema"));
            content.insert(media_type.into(), Value::Mapping(entry));
        }
        operation.insert("requestBody".into(), request_body_3(&parameter, content));
        origins.record(request_body.clone(), from);
        if !form.is_empty() {
            diag.error(
                here,
                "the operation has both an `in: body` and `in: formData` parameters; \
                 Swagger 2.0 allows only one kind",
                "keep the body parameter or the form parameters",
            );
        }
    } else if !form.is_empty() {
        let files = form
            .iter()
            .any(|(_, p)| p.get("type").and_then(Value::as_str) == Some("file"));
        let media_type = if files || op_consumes.iter().any(|m| m == "multipart/form-data") {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let schema_at = child(
            &child(&child(&request_body, "content"), media_type),
            "schema",
        );
        let mut properties = Mapping::new();
        let mut required = Vec::new();
        let mut encoding = Mapping::new();
        for (from, parameter) in &form {
            let Value::Mapping(mut map) = parameter.clone() else {
                continue;
            };
            let Some(name) = map.get("name").and_then(Value::as_str).map(str::to_owned) else {
                continue;
            };
            if map.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.clone()));
            }
            let mut formats = Vec::new();
            let mut schema = inline_schema(&mut map, &mut formats);
            if let Some(description) = map.remove("description") {
                schema.insert("description".into(), description);
            }
            if formats.first().is_some_and(|f| f == "multi") {
                let mut style = Mapping::new();
                style.insert("style".into(), "form".into());
                style.insert("explode".into(), true.into());
                encoding.insert(name.clone().into(), Value::Mapping(style));
            }
            origins.record(child(&child(&schema_at, "properties"), &name), from.clone());
            properties.insert(name.into(), Value::Mapping(schema));
        }
        let mut schema = Mapping::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Mapping(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Sequence(required));
        }
        let mut entry = Mapping::new();
        entry.insert("schema".into(), Value::Mapping(schema));
        if !encoding.is_empty() && media_type != "multipart/form-data" {
            entry.insert("encoding".into(), Value::Mapping(encoding));
        }
        let mut content = Mapping::new();
        content.insert(media_type.into(), Value::Mapping(entry));
        let mut body = Mapping::new();
        body.insert("required".into(), true.into());
        body.insert("content".into(), Value::Mapping(content));
        operation.insert("requestBody".into(), Value::Mapping(body));
        if let Some((first, _)) = form.first() {
            origins.record(request_body, first.clone());
        }
    }
    if let Some(Value::Mapping(responses)) = operation.get_mut("responses") {
        for (status, response) in responses.iter_mut() {
            let key = match status {
                Value::Number(n) => n.to_string(),
                other => other.as_str().unwrap_or_default().to_owned(),
            };
            let at = child(&child(here, "responses"), &key);
            *response = response_3(response.clone(), &op_produces, &at, &at, origins);
        }
    }
}

/// Adds a non-body parameter, written at `from`, to the `parameters` of the path item or
/// operation at `here`, in the 3.0 form.
fn keep_parameter(
    kept: &mut Vec<Value>,
    parameter: Value,
    here: &str,
    from: String,
    origins: &mut PointerMap,
) {
    let to = index(&child(here, "parameters"), kept.len());
    origins.record(child(&to, "schema"), from.clone());
    origins.record(to, from);
    kept.push(parameter_3(parameter, &mut Vec::new()));
}

fn request_body_3(parameter: &Value, content: Mapping) -> Value {
    let mut body = Mapping::new();
    if let Some(description) = parameter.get("description") {
        body.insert("description".into(), description.clone());
    }
    let required = parameter
        .get("required")
        .cloned()
        .unwrap_or(Value::Bool(false));
    body.insert("required".into(), required);
    body.insert("content".into(), Value::Mapping(content));
    for (key, value) in parameter.as_mapping().into_iter().flatten() {
        if key.as_str().is_some_and(|k| k.starts_with("x-")) {
            body.insert(key.clone(), value.clone());
        }
    }
    Value::Mapping(body)
}
