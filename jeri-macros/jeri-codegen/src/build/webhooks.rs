//! `x-webhooks` (OpenAPI 3.1 `webhooks`, moved there by load) and
//! `x-jeri-webhook-signature` → [`Webhook`]s and their [`WebhookSignature`].
//!
//! openapiv3 keeps unknown root keys as JSON, so each webhook's path item is read here
//! with serde; a shape that does not read is a located error and the webhook is left out.

use openapiv3::{Operation as OaOperation, Parameter, PathItem, ReferenceOr};
use serde_json::{Map, Value};

use super::Builder;
use super::docs::docs_from;
use super::operation::{method_op, resolve};
use super::schema::SRef;
use crate::diagnostics::child;
use crate::model::{
    DigestEncoding, EventTypeLocation, Method, SecretEncoding, SignatureScheme, TypeRef, Webhook,
    WebhookSignature, is_json,
};
use crate::rust::naming::{NameSet, pascal_ident};

/// The root extension holding the webhooks.
const WEBHOOKS: &str = "x-webhooks";
/// The root extension saying how they are signed (see `jeri_runtime::webhook`).
const SIGNATURE: &str = "x-jeri-webhook-signature";
/// Standard Webhooks' headers, which a document using it documents on its webhooks.
const STANDARD_HEADERS: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
/// Standard Webhooks' recommended tolerance, seconds.
const STANDARD_TOLERANCE: u64 = 300;

impl Builder<'_, '_, '_> {
    /// The document's webhooks, in document order, and how they are signed.
    pub(super) fn webhooks(&mut self) -> (Vec<Webhook>, Option<WebhookSignature>) {
        let doc = self.doc;
        let mut webhooks = Vec::new();
        let mut header_sets = Vec::new();
        match doc.extensions.get(WEBHOOKS) {
            None => {}
            Some(Value::Object(items)) => {
                // `Unknown` is the event enum's variant for events not described here.
                let mut names = NameSet::with_reserved(&["Unknown"]);
                // JSON maps here are sorted by key; the source says the document order.
                let mut items: Vec<(&String, &Value)> = items.iter().collect();
                items.sort_by_cached_key(|(name, _)| {
                    self.diag
                        .line_of(&child(WEBHOOKS, name))
                        .unwrap_or(usize::MAX)
                });
                for (name, item) in items {
                    if let Some((webhook, headers)) = self.webhook(name, item, &mut names) {
                        webhooks.push(webhook);
                        header_sets.push(headers);
                    }
                }
            }
            Some(_) => self.diag.error(
                WEBHOOKS,
                format!("`{WEBHOOKS}` must be a map of event names to path items"),
                "write each webhook as `<event name>: { post: { requestBody: ... } }`",
            ),
        }
        let signature = match doc.extensions.get(SIGNATURE) {
            Some(value) => self.signature(value),
            None => {
                let standard = !header_sets.is_empty()
                    && header_sets.iter().all(|headers| {
                        STANDARD_HEADERS
                            .iter()
                            .all(|wanted| headers.iter().any(|h| h.eq_ignore_ascii_case(wanted)))
                    });
                standard.then(|| WebhookSignature {
                    scheme: SignatureScheme::StandardWebhooks {
                        tolerance_seconds: STANDARD_TOLERANCE,
                    },
                    secret: SecretEncoding::Base64,
                    event_type: EventTypeLocation::Property("type".to_owned()),
                    docs: crate::model::Docs::default(),
                })
            }
        };
        (webhooks, signature)
    }

    /// One webhook and the header parameters it documents; `None` (with an error) when
    /// its path item does not read.
    fn webhook(
        &mut self,
        name: &str,
        item: &Value,
        names: &mut NameSet,
    ) -> Option<(Webhook, Vec<String>)> {
        let pointer = child(WEBHOOKS, name);
        let item: ReferenceOr<PathItem> = match serde_json::from_value(item.clone()) {
            Ok(item) => item,
            Err(error) => {
                self.diag.error(
                    &pointer,
                    format!("webhook `{name}` is not a path item: {error}"),
                    "write the webhook as a path item with a `post` operation",
                );
                return None;
            }
        };
        let ReferenceOr::Item(item) = item else {
            self.diag.error(
                &pointer,
                format!("webhook `{name}` is a `$ref`, which is not supported"),
                "write the webhook's path item inline",
            );
            return None;
        };
        // Webhooks are POSTed; another method is read where the document uses one.
        let found = std::iter::once(Method::Post)
            .chain(Method::ALL)
            .find_map(|method| method_op(&item, method).map(|op| (method, op)));
        let Some((method, op)) = found else {
            self.diag.error(
                &pointer,
                format!("webhook `{name}` has no operation"),
                "describe the request the webhook sends under `post`",
            );
            return None;
        };
        let op_pointer = child(&pointer, method.key());
        let rust_name = names.claim(&pascal_ident(name));
        let docs = docs_from(
            self.diag,
            &op_pointer,
            op.summary.as_deref(),
            op.description.as_deref(),
            &op.extensions,
            op.deprecated,
        );
        let payload = self.webhook_payload(op, &op_pointer, &format!("{rust_name}Event"));
        let headers = self.header_names(&item, op, &op_pointer);
        Some((
            Webhook {
                name: name.to_owned(),
                rust_name,
                payload,
                docs,
                origin: self.diag.original(&op_pointer),
            },
            headers,
        ))
    }

    /// The type of the JSON request body; JSON of any shape when there is none.
    fn webhook_payload(&mut self, op: &OaOperation, pointer: &str, hint: &str) -> TypeRef {
        let Some(raw) = &op.request_body else {
            return TypeRef::Json;
        };
        let body_pointer = child(pointer, "requestBody");
        let doc = self.doc;
        let lookup = |name: &str| {
            doc.components
                .as_ref()
                .and_then(|c| c.request_bodies.get(name))
        };
        let Some(body) = resolve(self.diag, raw, "requestBodies", lookup, &body_pointer) else {
            return TypeRef::Json;
        };
        let json = body
            .content
            .iter()
            .find(|(media, _)| is_json(media))
            .and_then(|(media, content)| Some((media, content.schema.as_ref()?)));
        match json {
            Some((media, schema)) => {
                let schema_pointer =
                    child(&child(&child(&body_pointer, "content"), media), "schema");
                self.type_ref(SRef::of(schema), &schema_pointer, hint)
            }
            None => TypeRef::Json,
        }
    }

    /// The names of the header parameters of the path item and the operation.
    fn header_names(&mut self, item: &PathItem, op: &OaOperation, pointer: &str) -> Vec<String> {
        let doc = self.doc;
        let lookup = |name: &str| doc.components.as_ref().and_then(|c| c.parameters.get(name));
        let mut names = Vec::new();
        for (index, param) in item.parameters.iter().chain(&op.parameters).enumerate() {
            let param_pointer = crate::diagnostics::index(&child(pointer, "parameters"), index);
            if let Some(Parameter::Header { parameter_data, .. }) =
                resolve(self.diag, param, "parameters", lookup, &param_pointer)
            {
                names.push(parameter_data.name.clone());
            }
        }
        names
    }

    /// `x-jeri-webhook-signature`; `None` (with errors) when it does not read.
    fn signature(&mut self, value: &Value) -> Option<WebhookSignature> {
        let Value::Object(fields) = value else {
            self.diag.error(
                SIGNATURE,
                format!("`{SIGNATURE}` must be a map"),
                "write `scheme: header` or `scheme: standard-webhooks` and its settings",
            );
            return None;
        };
        let errors_before = self.diag.len();
        let mut reader = Fields {
            fields,
            builder: self,
        };
        let scheme_name = reader.choice("scheme", &["header", "standard-webhooks"], None);
        if let Some(algorithm) = reader.text("algorithm")
            && !algorithm.eq_ignore_ascii_case("hmac-sha256")
        {
            reader.wrong("algorithm", "`hmac-sha256` is the only algorithm supported");
        }
        let standard = scheme_name.as_deref() == Some("standard-webhooks");
        let scheme = if standard {
            let tolerance = match fields.get("toleranceSeconds") {
                None => Some(STANDARD_TOLERANCE),
                Some(value) => value.as_u64().or_else(|| {
                    reader.wrong("toleranceSeconds", "must be whole seconds, 0 or more");
                    None
                }),
            };
            tolerance
                .map(|tolerance_seconds| SignatureScheme::StandardWebhooks { tolerance_seconds })
        } else {
            let header = reader.header_name("header");
            if header.is_none() && !fields.contains_key("header") {
                reader.wrong(
                    "header",
                    "the `header` scheme names the header it signs into",
                );
            }
            let encoding = match reader
                .choice(
                    "encoding",
                    &["hex", "base64", "hex-or-base64"],
                    Some("base64"),
                )
                .as_deref()
            {
                Some("hex") => DigestEncoding::Hex,
                Some("hex-or-base64") => DigestEncoding::HexOrBase64,
                _ => DigestEncoding::Base64,
            };
            let prefix = reader.text("prefix").unwrap_or_default();
            header.map(|header| SignatureScheme::Header {
                header,
                encoding,
                prefix,
            })
        };
        let secret_default = if standard { "base64" } else { "text" };
        let secret = match reader
            .choice("secretEncoding", &["text", "base64"], Some(secret_default))
            .as_deref()
        {
            Some("base64") => SecretEncoding::Base64,
            _ => SecretEncoding::Text,
        };
        let event_type = reader.event_type(standard);
        let docs = docs_from(
            self.diag,
            SIGNATURE,
            None,
            fields.get("description").and_then(Value::as_str),
            fields,
            false,
        );
        let scheme = scheme?;
        (self.diag.len() == errors_before).then_some(WebhookSignature {
            scheme,
            secret,
            event_type: event_type?,
            docs,
        })
    }
}

/// Reads the fields of `x-jeri-webhook-signature`, reporting each bad one where it is.
struct Fields<'f, 'b, 'd, 'a, 'c> {
    fields: &'f Map<String, Value>,
    builder: &'b mut Builder<'d, 'a, 'c>,
}

impl Fields<'_, '_, '_, '_, '_> {
    fn wrong(&mut self, key: &str, help: &str) {
        self.builder.diag.error(
            &child(SIGNATURE, key),
            format!("`{SIGNATURE}.{key}` cannot be read"),
            help,
        );
    }

    /// A string field, `None` when absent or (with an error) not a string.
    fn text(&mut self, key: &str) -> Option<String> {
        match self.fields.get(key)? {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.wrong(key, "write it as a string");
                None
            }
        }
    }

    /// One of `allowed`; `default` when absent; `None` (with an error) otherwise.
    fn choice(&mut self, key: &str, allowed: &[&str], default: Option<&str>) -> Option<String> {
        let Some(text) = self.text(key) else {
            if default.is_none() && !self.fields.contains_key(key) {
                self.wrong(key, &format!("say which: {}", allowed.join(", ")));
            }
            return default.map(str::to_owned);
        };
        if allowed.contains(&text.as_str()) {
            Some(text)
        } else {
            self.wrong(
                key,
                &format!("`{text}` is not one of {}", allowed.join(", ")),
            );
            None
        }
    }

    /// A header name, lower-cased; `None` (with an error) when it is not a valid one.
    fn header_name(&mut self, key: &str) -> Option<String> {
        let name = self.text(key)?;
        valid_header_name(&name).or_else(|| {
            self.wrong(key, &format!("`{name}` is not an HTTP header name"));
            None
        })
    }

    /// `eventType`: `{in: header, name}`, `{in: body, property}` or `{in: webhook}`;
    /// absent, Standard Webhooks' `type` property or nowhere.
    fn event_type(&mut self, standard: bool) -> Option<EventTypeLocation> {
        let key = "eventType";
        let Some(value) = self.fields.get(key) else {
            return Some(if standard {
                EventTypeLocation::Property("type".to_owned())
            } else {
                EventTypeLocation::None
            });
        };
        let help = "write `{in: header, name: <header>}`, `{in: body, property: <name>}` \
                    or `{in: webhook}`";
        let get = |field: &str| value.get(field).and_then(Value::as_str);
        let found = match get("in") {
            Some("header") => get("name")
                .and_then(valid_header_name)
                .map(EventTypeLocation::Header),
            Some("body") => get("property")
                .filter(|property| !property.is_empty())
                .map(|property| EventTypeLocation::Property(property.to_owned())),
            Some("webhook") => Some(EventTypeLocation::Webhook),
            _ => None,
        };
        if found.is_none() {
            self.wrong(key, help);
        }
        found
    }
}

/// `name` lower-cased when it is an HTTP header name (a token: visible ASCII without
/// separators), so generated code can name it as a constant.
fn valid_header_name(name: &str) -> Option<String> {
    let token = |byte: u8| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte);
    (!name.is_empty() && name.bytes().all(token)).then(|| name.to_ascii_lowercase())
}
