//! The macro's input: `"spec.yaml"` followed by optional settings.
//!
//! ```text
//! generate!("path/to/spec.yaml" [, setting]* [,])
//! ```
//!
//! Settings:
//! - `runtime = some::path`: the module the generated code calls for HTTP plumbing
//!   (`Transport`, `Call`, `Response`, `Error`, …). Default: `::jeri_runtime`.
//! - `types_only`: generate only the `types` module (no `requests` module, no clients);
//!   the generated code then needs `serde` (with `derive`), `serde_json` and the runtime
//!   (`Nullable`, `Base64`, and chrono and uuid through its re-exports), no HTTP client
//!   code of its own.
//! - `formats = types` (default) or `formats = strings`: whether string formats have Rust
//!   types: `date-time` is `chrono::DateTime<chrono::Utc>`, `date` `chrono::NaiveDate`,
//!   `uuid` `uuid::Uuid`, `byte` the runtime's `Base64` (all reached through the runtime's
//!   re-exports), or every string is a `String`, sent and read as written. Parameters are
//!   strings either way. Integer formats (`int8` … `uint64`) always choose the Rust
//!   integer; an integer without a format is `i64`, also with `minimum: 0`.
//! - `server` or `server = some::path`: generate the `types` module and `pub mod server`
//!   (a trait with one method per operation and an axum router that checks requests
//!   against the spec) instead of a client; the path is the server runtime (default
//!   `::jeri_server`).
//! - `scope(Name = "schemeName", ...)`: for each pair, an extra client type `Name` with
//!   only the operations that can be called with the security scheme `schemeName` alone,
//!   e.g. `scope(CustomerClient = "customerToken")`.
//! - `only(operationId = "getCustomer", tag = "Rewards", path = "/v1/programs", ...)`: a
//!   subset client with only the operations that match at least one selector (an
//!   `operationId`, a tag, or a path prefix that ends at a `/`) and the types they reach.
//!   The operations left out are listed in the generated `OMITTED_OPERATIONS`; problems
//!   the spec has only in what is left out are not reported.
//! - `webhook_signature = "{scheme: standard-webhooks}"`: how the document's webhooks are
//!   signed, for a document that does not say: the value of the `x-jeri-webhook-signature`
//!   extension as YAML (or JSON) text (see `jeri_runtime::webhook` for its fields); it
//!   takes the place of the document's own.
//! - `skip("operationId", "/path", ...)`: operations left out of the generated code, each
//!   named by its `operationId` or by its path (every operation under it), for a spec you
//!   do not own with an operation that cannot be generated. A name that matches nothing is
//!   an error, so the list cannot go stale silently.
//! - `stream_end = "[DONE]"` (the default): the `data` of the Server-Sent Event that ends
//!   an event stream (as OpenAI-style APIs end theirs); that event is not handed out, and
//!   the connection is closed. `stream_end = ""`: only the end of the body ends a stream.
//! - `pagination(...)`: how the list operations of a document that does not say page
//!   (documents with `x-dropshot-pagination` or `x-speakeasy-pagination` say it
//!   themselves, and keep theirs). It applies to every `GET` operation with the named
//!   query parameter (an optional one) whose one JSON success has the named properties;
//!   they get `pages()` and `items()` on their request and a `…_stream` client method.
//!   `items = "data"` names the property holding a page's items (without it, the body
//!   is the list), and one of:
//!   - `cursor = "page_token", next = "next_page"`: the cursor parameter takes the
//!     body's `next_page`; none (null, absent, empty) is the last page;
//!   - `cursor = "starting_after", has_more = "has_more", item_cursor = "id"` (Stripe):
//!     while `has_more` is true, the cursor parameter takes the last item's `id`;
//!   - `offset = "offset"` or `page = "page"`: the integer parameter grows by the items
//!     of a page (or by one page, counting from 1), until an empty page;
//!   - `next_url = "next"`: the body's `next` holds the next page's URL;
//!   - `link = "next"` (GitHub): the `Link` header's `rel="next"` URL; for `GET`
//!     operations with no parameter named.
//! - `example_calls`: also generate `pub mod examples`: for every operation a function
//!   building its request from example arguments (the required ones: the spec's `example`
//!   of a parameter or body where it gives one, else the smallest value the schema allows:
//!   required properties only, strings meeting their `format`, length and `pattern`,
//!   numbers inside their bounds, the first `enum` value, one array item), `CALLS` to send
//!   each of them, and `LEFT_OUT`, the operations without one and why. A smoke test of an
//!   integration against a staging server or a mock. Client mode only; off by default.
//! - `example_answers` (with `server`): also generate `examples::ExampleServer`, an
//!   implementation of `server::Server` answering every operation with its first
//!   documented success, its body the smallest value the schema allows (built as for
//!   `example_calls`), and `examples::LEFT_OUT`, the operations it leaves at `501` and
//!   why. A stand-in for a service not written yet, and what conformance tests judge.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Path, Token};

/// How to generate.
#[derive(Clone)]
pub struct Settings {
    /// The runtime module the generated code calls; default `::jeri_runtime`.
    pub runtime: Path,
    /// Generate only the `types` module.
    pub types_only: bool,
    /// Extra clients restricted to one security scheme each.
    pub scopes: Vec<Scope>,
    /// `only(...)`: generate just the operations matching one of these; empty generates
    /// every operation.
    pub only: Vec<Selector>,
    /// Operations to leave out, by `operationId` or path.
    pub skip: Vec<String>,
    /// Generate a server (with this runtime, default `::jeri_server`) instead of a client.
    pub server: Option<Path>,
    /// `formats = ...`: whether string formats have Rust types of their own.
    pub formats: Formats,
    /// `webhook_signature = "..."`: the `x-jeri-webhook-signature` value to use, as YAML
    /// text.
    pub webhook_signature: Option<String>,
    /// `stream_end = "..."`: the `data` that ends an event stream; `None` for none.
    pub stream_end: Option<String>,
    /// `pagination(...)`: how list operations page where the document does not say.
    pub pagination: Option<crate::model::Pagination>,
    /// `example_calls`: generate `pub mod examples` (client mode).
    pub example_calls: bool,
    /// `example_answers`: generate `examples::ExampleServer` (server mode).
    pub example_answers: bool,
}

/// The `formats` setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Formats {
    /// `formats = types` (default): `date-time`, `date`, `uuid` and `byte` strings have
    /// Rust types of their own (see [`crate::model::Format`]).
    #[default]
    Types,
    /// `formats = strings`: every string is a `String`.
    Strings,
}

/// One selector of the `only(...)` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// `operationId = "getCustomer"`: the operation with this `operationId`.
    OperationId(String),
    /// `tag = "Rewards"`: every operation listing this tag in `tags`.
    Tag(String),
    /// `path = "/v1/programs"`: every operation whose path template is this path or lies
    /// below it (`/v1/programs/{programId}`, not `/v1/programsArchive`).
    Path(String),
}

impl Selector {
    /// The selector as written in the macro input, e.g. `tag = "Rewards"`.
    pub fn written(&self) -> String {
        match self {
            Self::OperationId(id) => format!("operationId = {id:?}"),
            Self::Tag(tag) => format!("tag = {tag:?}"),
            Self::Path(path) => format!("path = {path:?}"),
        }
    }
}

/// An extra client that holds only the operations callable with one security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The client type's name, e.g. `CustomerClient`.
    pub client_name: String,
    /// The security scheme's key in `components.securitySchemes`, e.g. `customerToken`.
    pub scheme: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            runtime: syn::parse_quote!(::jeri_runtime),
            types_only: false,
            scopes: Vec::new(),
            only: Vec::new(),
            skip: Vec::new(),
            server: None,
            formats: Formats::Types,
            webhook_signature: None,
            stream_end: Some("[DONE]".to_owned()),
            pagination: None,
            example_calls: false,
            example_answers: false,
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let runtime = &self.runtime;
        let server = server_text(self);
        f.debug_struct("Settings")
            .field("runtime", &quote::quote!(#runtime).to_string())
            .field("types_only", &self.types_only)
            .field("scopes", &self.scopes)
            .field("only", &self.only)
            .field("skip", &self.skip)
            .field("server", &server)
            .field("formats", &self.formats)
            .field("webhook_signature", &self.webhook_signature)
            .field("stream_end", &self.stream_end)
            .field("pagination", &self.pagination)
            .field("example_calls", &self.example_calls)
            .field("example_answers", &self.example_answers)
            .finish()
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.runtime, &other.runtime);
        quote::quote!(#a).to_string() == quote::quote!(#b).to_string()
            && self.types_only == other.types_only
            && self.scopes == other.scopes
            && self.only == other.only
            && self.skip == other.skip
            && server_text(self) == server_text(other)
            && self.formats == other.formats
            && self.webhook_signature == other.webhook_signature
            && self.stream_end == other.stream_end
            && self.pagination == other.pagination
            && self.example_calls == other.example_calls
            && self.example_answers == other.example_answers
    }
}

impl Eq for Settings {}

fn server_text(settings: &Settings) -> Option<String> {
    settings
        .server
        .as_ref()
        .map(|path| quote::quote!(#path).to_string())
}

const VALID: &str = "expected one of: `runtime = <path>`, `types_only`, \
                     `scope(<ClientName> = \"<securityScheme>\", ...)`, \
                     `only(operationId = \"...\", tag = \"...\", path = \"/...\", ...)`, \
                     `skip(\"<operationId or path>\", ...)`, `server`, `server = <path>`, \
                     `formats = types`, `formats = strings`, `webhook_signature = \"...\"`, \
                     `stream_end = \"...\"`, `pagination(...)`, \
                     `example_calls`, `example_answers`";

const ONLY_EXAMPLE: &str =
    "write e.g. `only(operationId = \"getCustomer\", tag = \"Rewards\", path = \"/v1/programs\")`";

impl Settings {
    /// Parses the whole macro input: the spec path literal, then the settings.
    pub fn parse(tokens: proc_macro2::TokenStream) -> syn::Result<(LitStr, Settings)> {
        let input: MacroInput = syn::parse2(tokens)?;
        Ok((input.path, input.settings))
    }
}

struct MacroInput {
    path: LitStr,
    settings: Settings,
}

impl Parse for MacroInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            ));
        }
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            )
        })?;
        let mut settings = Settings::default();
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let name: Ident = input
                .call(syn::ext::IdentExt::parse_any)
                .map_err(|e| syn::Error::new(e.span(), format!("expected a setting; {VALID}")))?;
            let key = name.to_string();
            if key != "scope" && seen.contains(&key) {
                return Err(syn::Error::new(
                    name.span(),
                    format!("`{key}` is set twice"),
                ));
            }
            seen.push(key.clone());
            match key.as_str() {
                "runtime" => {
                    input.parse::<Token![=]>()?;
                    settings.runtime = input.parse()?;
                }
                "types_only" => settings.types_only = true,
                "example_calls" => settings.example_calls = true,
                "example_answers" => settings.example_answers = true,
                "scope" => {
                    let pairs = parenthesized_pairs(
                        &name,
                        input,
                        "write `scope(CustomerClient = \"customerToken\")`",
                    )?;
                    for pair in pairs {
                        let client_name = pair.key.to_string();
                        if settings.scopes.iter().any(|s| s.client_name == client_name) {
                            return Err(syn::Error::new(
                                pair.key.span(),
                                format!("the client `{client_name}` is declared twice"),
                            ));
                        }
                        if client_name == "Client" {
                            return Err(syn::Error::new(
                                pair.key.span(),
                                "`Client` is the name of the main client; choose another name",
                            ));
                        }
                        settings.scopes.push(Scope {
                            client_name,
                            scheme: pair.value.value(),
                        });
                    }
                }
                "only" => settings.only = parse_only(&name, input)?,
                "skip" => {
                    let content;
                    syn::parenthesized!(content in input);
                    let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                    if names.is_empty() {
                        return Err(syn::Error::new(
                            name.span(),
                            "`skip()` is empty; write `skip(\"operationId\", \"/path\")`",
                        ));
                    }
                    settings.skip.extend(names.iter().map(LitStr::value));
                }
                "formats" => {
                    input.parse::<Token![=]>()?;
                    let value: Ident = input.parse()?;
                    settings.formats = match value.to_string().as_str() {
                        "types" => Formats::Types,
                        "strings" => Formats::Strings,
                        other => {
                            return Err(syn::Error::new(
                                value.span(),
                                format!(
                                    "unknown `formats = {other}`; write `formats = types` (dates, UUIDs and Base64 as Rust types, the default) or `formats = strings`"
                                ),
                            ));
                        }
                    };
                }
                "webhook_signature" => {
                    input.parse::<Token![=]>()?;
                    let value: LitStr = input.parse()?;
                    settings.webhook_signature = Some(value.value());
                }
                "stream_end" => {
                    input.parse::<Token![=]>()?;
                    let value: LitStr = input.parse()?;
                    settings.stream_end = Some(value.value()).filter(|end| !end.is_empty());
                }
                "pagination" => settings.pagination = Some(parse_pagination(&name, input)?),
                "server" => {
                    settings.server = Some(if input.peek(Token![=]) {
                        input.parse::<Token![=]>()?;
                        input.parse()?
                    } else {
                        syn::parse_quote!(::jeri_server)
                    });
                }
                _ => {
                    return Err(syn::Error::new(
                        name.span(),
                        format!("unknown setting `{key}`; {VALID}"),
                    ));
                }
            }
        }
        if settings.example_calls && (settings.server.is_some() || settings.types_only) {
            return Err(syn::Error::new(
                path.span(),
                "`example_calls` sends requests through the generated client: leave out `server` and `types_only`",
            ));
        }
        if settings.example_answers && settings.server.is_none() {
            return Err(syn::Error::new(
                path.span(),
                "`example_answers` implements the generated server: add `server`",
            ));
        }
        if settings.server.is_some() && (settings.types_only || !settings.scopes.is_empty()) {
            return Err(syn::Error::new(
                path.span(),
                "`server` generates the types and a server, no client: leave out `types_only` and `scope(...)`, \
                 or generate the client in a second `generate!`",
            ));
        }
        Ok(Self { path, settings })
    }
}

/// The `key = "value"` pairs in parentheses after the setting `name`; at least one.
fn parenthesized_pairs(
    name: &Ident,
    input: ParseStream<'_>,
    example: &str,
) -> syn::Result<Punctuated<Pair, Token![,]>> {
    let content;
    syn::parenthesized!(content in input);
    let pairs = Punctuated::<Pair, Token![,]>::parse_terminated(&content)?;
    if pairs.is_empty() {
        return Err(syn::Error::new(
            name.span(),
            format!("`{name}()` is empty; {example}"),
        ));
    }
    Ok(pairs)
}

/// The parenthesized selectors after `only`.
fn parse_only(name: &Ident, input: ParseStream<'_>) -> syn::Result<Vec<Selector>> {
    let pairs = parenthesized_pairs(name, input, ONLY_EXAMPLE)?;
    let mut selectors = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let value = pair.value.value();
        let selector = match pair.key.to_string().as_str() {
            "operationId" => Selector::OperationId(value),
            "tag" => Selector::Tag(value),
            "path" if value.starts_with('/') => Selector::Path(value),
            "path" => {
                return Err(syn::Error::new(
                    pair.value.span(),
                    format!("`path = {value:?}` must start with `/`, like the spec's paths"),
                ));
            }
            other => {
                return Err(syn::Error::new(
                    pair.key.span(),
                    format!("unknown selector `{other}` in `only(...)`; {ONLY_EXAMPLE}"),
                ));
            }
        };
        if selectors.contains(&selector) {
            return Err(syn::Error::new(
                pair.value.span(),
                format!("`{}` is given twice in `only(...)`", selector.written()),
            ));
        }
        selectors.push(selector);
    }
    Ok(selectors)
}

const PAGINATION_EXAMPLE: &str = "write e.g. `pagination(cursor = \"page_token\", \
     items = \"items\", next = \"next_page\")`, `pagination(cursor = \"starting_after\", \
     items = \"data\", has_more = \"has_more\", item_cursor = \"id\")` or \
     `pagination(link = \"next\")`";

/// The parenthesized rule after `pagination`.
fn parse_pagination(name: &Ident, input: ParseStream<'_>) -> syn::Result<crate::model::Pagination> {
    use crate::model::{NextRule, Pagination};
    let pairs = parenthesized_pairs(name, input, PAGINATION_EXAMPLE)?;
    let mut given: Vec<(String, String)> = Vec::new();
    for pair in &pairs {
        let key = pair.key.to_string();
        let known = [
            "items",
            "cursor",
            "next",
            "has_more",
            "item_cursor",
            "offset",
            "page",
            "next_url",
            "link",
        ];
        if !known.contains(&key.as_str()) {
            return Err(syn::Error::new(
                pair.key.span(),
                format!("unknown `{key}` in `pagination(...)`; {PAGINATION_EXAMPLE}"),
            ));
        }
        if given.iter().any(|(seen, _)| *seen == key) {
            return Err(syn::Error::new(
                pair.key.span(),
                format!("`{key}` is given twice in `pagination(...)`"),
            ));
        }
        given.push((key, pair.value.value()));
    }
    let get = |key: &str| {
        given
            .iter()
            .find(|(seen, _)| seen == key)
            .map(|(_, value)| value.clone())
    };
    let rule_keys: Vec<&str> = given
        .iter()
        .map(|(key, _)| key.as_str())
        .filter(|key| *key != "items")
        .collect();
    let next = match rule_keys.as_slice() {
        ["cursor", "next"] | ["next", "cursor"] => NextRule::Cursor {
            param: get("cursor").unwrap_or_default(),
            property: get("next").unwrap_or_default(),
        },
        keys if keys.len() == 3
            && ["cursor", "has_more", "item_cursor"]
                .iter()
                .all(|key| keys.contains(key)) =>
        {
            NextRule::LastItem {
                param: get("cursor").unwrap_or_default(),
                has_more: get("has_more").unwrap_or_default(),
                field: get("item_cursor").unwrap_or_default(),
            }
        }
        ["offset"] => NextRule::Offset {
            param: get("offset").unwrap_or_default(),
            per_item: true,
        },
        ["page"] => NextRule::Offset {
            param: get("page").unwrap_or_default(),
            per_item: false,
        },
        ["next_url"] => NextRule::NextUrl {
            property: get("next_url").unwrap_or_default(),
        },
        ["link"] if get("link").as_deref() == Some("next") => NextRule::LinkHeader,
        _ => {
            return Err(syn::Error::new(
                name.span(),
                format!("`pagination(...)` needs one rule; {PAGINATION_EXAMPLE}"),
            ));
        }
    };
    Ok(Pagination {
        items: get("items"),
        next,
        source: "the `pagination(...)` setting".to_owned(),
    })
}

/// `key = "value"`, as in `scope(...)` and `only(...)`.
struct Pair {
    key: Ident,
    value: LitStr,
}

impl Parse for Pair {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let value: LitStr = input.parse()?;
        Ok(Self { key, value })
    }
}

#[cfg(test)]
mod tests;
