//! Compile-time OpenAPI client and server generator (OpenAPI 3.0, 3.1 and Swagger 2.0).
//!
//! See [`generate!`].
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;

/// Generates Rust types and a client from an OpenAPI document (YAML or JSON), at
/// compile time.
///
/// # Versions read
///
/// OpenAPI 3.0.x as written; OpenAPI 3.1.x, what 3.2.x shares with 3.1, and Swagger 2.0
/// by converting the document into the 3.0 form before it is read, so every setting and
/// every generated item is the same whichever version the spec is in, and errors are
/// reported at the line and place of the document as written.
///
/// - OpenAPI 3.1: `type: [T, "null"]` and `{type: "null"}` in `anyOf`/`oneOf` are
///   nullable; several types are a union; `const` is a one-value constant; numeric
///   `exclusiveMinimum`/`exclusiveMaximum` are checked bounds; `contentEncoding: base64`
///   is bytes (`Base64`); a string with a `contentMediaType` is a file part in a
///   multipart body; `$ref` with siblings keeps the sibling `description` and combines
///   other siblings as `allOf` would; `$defs` become named types; `prefixItems` is an
///   array of the listed item types (the position of each is documentation);
///   `patternProperties` types the extra properties; `examples` gives the example;
///   `info.summary`, `license.identifier` and `jsonSchemaDialect` are read; `webhooks`
///   are read (as `x-webhooks`, see below) and `components.pathItems` where referenced.
///   3.0 keywords in a 3.1 document (`nullable`, boolean `exclusiveMinimum`) are honoured.
/// - Kept only as documentation (in the generated type's docs, not checked):
///   `propertyNames`, `dependentRequired`, `dependentSchemas`, `if`/`then`/`else`,
///   `unevaluatedProperties`/`unevaluatedItems`, `contains`, the patterns of
///   `patternProperties`, the media type of `contentMediaType`, the positions of a tuple,
///   and a `const` that is an object or array.
/// - Swagger 2.0: `host`/`basePath`/`schemes` are the server URL; `consumes`/`produces`
///   the media types; an `in: body` parameter is the request body; `in: formData`
///   parameters are a form body (multipart when one is `type: file`, a file part);
///   `collectionFormat` `csv`/`ssv`/`pipes`/`multi` are the matching styles, and `tsv`
///   (which OpenAPI 3 cannot say) is a string parameter given as the tab-separated text;
///   a `type: file` response is bytes; `definitions`, shared `parameters` and
///   `responses`, `securityDefinitions` (`basic`, `apiKey`, `oauth2` flows) and
///   `x-nullable` are read.
/// - OpenAPI 3.2's own operations (the `query` method, `additionalOperations`) and
///   `in: querystring` parameters cannot be generated and are reported as errors naming
///   them. Other versions (`openapi: 4.0.0`, `swagger: "1.2"`) are an error.
///
/// # Syntax
///
/// ```ignore
/// jeri_macros::generate!("path/to/spec.yaml" [, setting]* [,]);
/// ```
///
/// The path is resolved like `include_str!`: relative to the directory of the file that
/// invokes the macro (when the compiler cannot say which file that is, relative to the
/// crate's `Cargo.toml` directory). The crate is rebuilt whenever the spec changes.
///
/// # Settings
///
/// - `runtime = some::path`: the module the generated code calls for its HTTP plumbing
///   (`Transport`, `Call`, `Response`, `Error`, …). Default: `::jeri_runtime`.
/// - `types_only`: generate only the `types` module; no `requests` module, no clients.
///   The types need `serde` (with `derive`), `serde_json` and the runtime (for
///   `Nullable`, `Base64`, and chrono and uuid through its re-exports).
/// - `formats = types` (default) or `formats = strings`: with `types`, string formats are
///   Rust types: `date-time` is `chrono::DateTime<chrono::Utc>` (any offset is read as
///   the same instant and sent back in UTC), `date` is `chrono::NaiveDate`, `uuid` is
///   `uuid::Uuid`, `byte` is the runtime's `Base64` (bytes, Base64 text on the wire).
///   chrono and uuid are named through the runtime's re-exports (`<runtime>::chrono`,
///   `<runtime>::uuid`), so the crate needs no dependency on them. With `strings`, every
///   string is a `String`, sent and read as written. Parameters are text either way.
///   Integer formats always pick the Rust integer (`int8`…`int64` → `i8`…`i64`,
///   `uint8`…`uint64` → `u8`…`u64`); without a format an integer is `i64`, also with
///   `minimum: 0`.
/// - `server` or `server = some::path`: generate the `types` module and a server
///   (`pub mod server`) instead of a client; the path is the server runtime (default
///   `::jeri_server`). Cannot be combined with `types_only` or `scope(...)`.
/// - `scope(Name = "schemeName", ...)`: for each pair, an extra client type `Name` holding
///   only the operations callable with the security scheme `schemeName` alone, e.g.
///   `scope(CustomerClient = "customerToken")`.
/// - `webhook_signature = "{scheme: standard-webhooks}"`: how the document's webhooks are
///   signed, where it does not say: the value of our `x-jeri-webhook-signature` extension,
///   as YAML text (fields in `jeri_runtime::webhook`); it replaces the document's own.
/// - `skip("operationId", "/path", ...)`: operations left out, by `operationId` or by path
///   (all of its operations), for a spec you do not own whose operation cannot be
///   generated as published. A name that matches no operation is an error, so nothing is
///   ever left out silently: every operation is generated, reported, or named here.
/// - `only(operationId = "getCustomer", tag = "Rewards", path = "/v1/programs", ...)`: a
///   subset client with just the operations that match at least one selector (an
///   `operationId`, a tag, or a path prefix that ends at a `/`) and the types they reach.
///   What is left out is listed in `pub const OMITTED_OPERATIONS` (`(operationId, method,
///   path)` triples in document order, also in its docs); a selector that matches no
///   operation is an error; problems the spec has only in what is left out are not
///   reported.
/// - `stream_end = "[DONE]"` (the default): the `data` of the Server-Sent Event that ends
///   an event stream; it is not handed out and the connection is closed. `stream_end =
///   ""`: only the body's end ends a stream.
/// - `pagination(...)`: how the list operations of a document that does not say page
///   (`x-dropshot-pagination` and `x-speakeasy-pagination` are read where the document
///   has them). `items = "data"` names the property holding a page's items (without it,
///   the body is the list), with one rule: `cursor = "page_token", next = "next_page"`
///   (the cursor parameter takes the body's `next_page`), `cursor = "starting_after",
///   has_more = "has_more", item_cursor = "id"` (Stripe: while `has_more`, the last
///   item's `id`), `offset = "offset"` or `page = "page"` (the integer parameter grows
///   until an empty page), `next_url = "next"` (a body property holding the next URL) or
///   `link = "next"` (GitHub: the `Link` header's `rel="next"`). It applies to the `GET`
///   operations with that query parameter and a JSON success with those properties.
/// - `example_calls` (client mode): also `pub mod examples`, a function per operation
///   building its request from example arguments (the spec's `example` of a parameter or
///   body, else the smallest value its schema allows), `CALLS` sending each and
///   `LEFT_OUT` naming the operations without one and why: a smoke test of an
///   integration against a staging server, the sandbox or a mock.
/// - `example_answers` (with `server`): also `pub mod examples` with `ExampleServer`, an
///   implementation of `server::Server` answering every operation with its first
///   documented success (a `2XX` code, else a `2XX` range, else `default`) and the
///   smallest body its schema allows, and `LEFT_OUT` naming the operations it leaves at
///   `501` and why: a stand-in for a service not written yet.
///
/// # What it generates
///
/// At the invocation site:
/// - `pub mod types`: one item per schema. Objects become structs (with `allOf` members
///   merged), string and integer enums become enums that keep unknown values (declared
///   through the runtime's `open_enum!`, which adds `as_str`/`value`, `is_unknown`,
///   `From`, `FromStr`, `Display` and serde once for all of them), except a string enum
///   of one value, which is the runtime's `Constant` (an alias of `Constant<__Name>`:
///   only that value decodes, so the alternatives of a union without a `discriminator`
///   that differ only in such a tag are told apart; a constructor fills it in, and
///   `Default`/`new()` build it), `oneOf`/`anyOf` become
///   enums (internally tagged when the schema has a `discriminator`), other named schemas
///   become type aliases. Inline objects and enums are named after where they sit:
///   `CustomerUserData` for property `userData` of `Customer`, `{Operation}Body` and
///   `{Operation}ResponseN{status}` (`GetSummaryResponseN200`) for inline request and
///   response bodies. A struct's
///   `Serialize` and `Deserialize` come from the runtime's `object!` (one line per
///   property: member, wire name, presence rule, default), the same JSON serde's derives
///   read and write, at about half their compile time; a struct with a flattened member
///   or a map of unlisted properties, and every type of a `server`, derives them.
///
///   Every per-operation function is `#[inline]`: an operation is compiled to machine
///   code in the crate that calls it, only if it is called.
///
///   Spec `default`s: an optional property with a `default` decodes as that value when
///   a response leaves it out (the field's docs show it); a request that leaves it out
///   leaves it to the server. A default whose JSON kind does not fit the property is not
///   applied. A decode error names the property path (`Error::Decode::path`, such as
///   `loyaltyData.memberSince`).
///
///   Closed objects (`additionalProperties: false`) refuse unknown properties, also next
///   to a flattened `allOf` union member (their `Deserialize` then checks the keys after
///   decoding), so an untagged union moves on to its next alternative.
///
///   Secret properties: a property whose schema (or the schema its `$ref` points to) has
///   `format: password` or the extension `x-jeri-secret: true` holds a credential. Its
///   struct gets a hand-written `Debug` that prints `[REDACTED]` for it (`Some([REDACTED])`
///   or `None` when optional) instead of the derived one, so `{:?}` of a response never
///   shows it; `Serialize` still writes the value. `x-jeri-secret` must be a boolean.
/// - unless `types_only`: `pub const SERVERS` (the spec's server URLs); a compile-time
///   check that the runtime implements the contract this code was generated for (a
///   mismatched `jeri-macros`/`jeri-runtime` pair is one error naming the versions to
///   align); `pub mod requests` with one request value per operation (holding its
///   arguments, with setters for optional ones, `send()`, `send_with_response()` for the
///   value with the response's status and headers, and `IntoFuture`). An operation with
///   optional arguments gets a struct `{Operation}Request`, declared through the
///   runtime's `request!` (the struct, its constructor, its setters and the methods every
///   request shares), with a `Request` impl saying how its arguments are sent and its
///   responses read. An operation whose arguments are all required needs no setters:
///   `{Operation}Request` is an alias of the runtime's `Prepared<{Operation}Operation>`,
///   whose methods are written once in the runtime, and the uninhabited
///   `{Operation}Operation` implements the runtime's `Operation` (arguments as a tuple).
///   Either kind of request is built only by a client method; and `Client` with
///   one method per operation (named after the `operationId` in snake_case; its docs give
///   the operation's summary and description, method and path, what `.await` gives,
///   which error statuses have a typed body and of which type, and the required
///   arguments with their limits), plus one
///   client per `scope(...)`. Each client has `from_transport` and `transport_builder()`:
///   a transport builder with the spec's first server as base URL when that is an
///   absolute URL (otherwise the caller must give one, including any path a relative
///   server such as `/api` names: the relative server is not appended to it) and a
///   `User-Agent` of `<title>/<version>` from the spec's `info`.
/// - unless `types_only`, when the document has webhooks (3.1 `webhooks`, or `x-webhooks`
///   in 3.0): `pub mod webhooks` with `Event`, one variant per webhook (named after its
///   key, holding the type of its JSON request body) and `Unknown { name, payload }` for
///   any other event name, implementing the runtime's `webhook::WebhookEvent`; and, where
///   the document says how its webhooks are signed (`x-jeri-webhook-signature`, whose
///   fields `jeri_runtime::webhook` documents) or its webhooks document Standard Webhooks'
///   `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, `secret(text)`,
///   `scheme()`, `event_type()`, `verifier(secret)` and `verify(&secret, &headers, body)`
///   (the verified, decoded `Event`). Needs `jeri-runtime`'s `webhooks` feature. A subset
///   (`only(...)`) keeps the webhooks and their types.
/// - Streamed responses: a success in `text/event-stream` is a
///   `jeri_runtime::EventStream<T>` (a `futures_core::Stream` of `Event<T>`: `data`,
///   `event`, `id`, `retry`), handed out as events arrive; one in `application/jsonl`,
///   `application/x-ndjson` or `application/json-seq` is a `jeri_runtime::JsonLines<T>`.
///   `T` is the item's type: OpenAPI 3.2's `itemSchema`, else the media type's `schema`;
///   for events, a schema with a `data` property describes the event object and `T` is
///   that property's type (a `string` `data` with a `contentSchema` takes that schema),
///   any other schema describes the data itself, and without one `T` is `String`, the
///   text. A success documented in JSON and as a stream (Mistral's and OpenAI's
///   completions) is a body enum with a `Json` and an `Events` variant, chosen by the
///   response's `Content-Type`.
/// - Paged operations (`x-dropshot-pagination`, `x-speakeasy-pagination`, or the
///   `pagination(...)` setting): `pages()` (a stream of pages) and `items()` (a stream
///   of items across pages) on the request, and `Client::{operation}_stream(..)`, each
///   page requested through the transport's usual sending until the last.
/// - Limits of schemas (`minimum`, `maximum` and their exclusive forms, `minLength`,
///   `maxLength`, `minItems`, `maxItems`, `pattern`) are stated in the docs of types,
///   properties, setters and arguments. A parameter's limits except `pattern` are also
///   checked before sending: a value outside one fails the request with
///   `Error::InvalidInput` (naming the parameter, the limit and the value) and nothing is
///   sent. Limits inside bodies, and patterns, are left to the server.
/// - with `server`: `pub mod server` with the trait `Server` (one async method per
///   operation, taking `{Operation}Request` with the typed parameters, `body` and the
///   `credentials` found, returning `jeri_server::Reply<{Operation}Response>`, an enum with
///   one variant per documented status; each method answers `501` until implemented),
///   and `router(impl Server) -> axum::Router`. The router checks every request against
///   the spec with generated code before the method runs (credentials, then every
///   parameter and the body: types, required, enums, lengths, patterns, ranges, formats,
///   array sizes, closed objects, nullability), reporting all problems in one `400`.
///   Paths whose parameters are not whole segments, and `pattern`s the `regex` crate
///   cannot compile, are spec errors in this mode. Every operation is served: cookie
///   parameters and credentials (API key in a cookie, http `basic` as username and
///   password, other http schemes as the whole `Authorization` value) are read;
///   `multipart/*` bodies arrive as a `jeri_server::Form` (text fields checked against
///   the schema and read typed, file parts as sent), `text/*` as `String`, other media
///   as `Vec<u8>`; `text/*` and other non-JSON responses are sent as they are under the
///   documented media type.
///
///   Request bodies: JSON and `+json` media types take the schema's type; so does any
///   other media type whose schema is an object, array or `$ref` (`application/graphql`),
///   sent as JSON text under that media type. `application/x-www-form-urlencoded` takes
///   the schema's type, nested objects and arrays written in brackets (`a[b]=c`,
///   `a[0]=c`). `multipart/*` whose schema is an object (inline or `$ref`) takes the typed
///   form `requests::{Operation}Form`: one public field per property (`new` with the
///   required ones, setters for the others), files (`format: binary` or `byte`) as the
///   runtime's `FilePart` (file name, media type, and bytes or a stream that is never
///   held in memory; a request with a streamed part is sent once, never retried), arrays
///   of files as `Vec<FilePart>`, other properties as their type, encoded as OpenAPI 3.0
///   says (strings, numbers, booleans as text, objects as JSON, arrays one part per item)
///   unless `encoding.<property>.contentType` names a type. The runtime's untyped
///   `Multipart` (text fields, JSON fields, file parts) is taken too, and is what any
///   other multipart schema takes. `text/*` takes a `String`. Everything else
///   (`application/octet-stream`, `image/*`, `*/*`, …) takes `Vec<u8>`, with a
///   `content_type(...)` setter (default: the spec's media type, or
///   `application/octet-stream` for a range; a type the caller sets for a range must
///   lie within it, or the call fails with `Error::InvalidInput` before sending).
///
///   A body documented in several media types (and a typed multipart form) is the enum
///   `requests::{Operation}Content` (after OpenAPI's `content`, the media types of a
///   body; the inline schema of a JSON body is `types::{Operation}Body`), one variant
///   per media type, preferred first (JSON,
///   form, multipart, bytes, text; document order within a kind): `Json(T)`, `Form(T)`,
///   `Multipart({Operation}Form)` with `MultipartUntyped(Multipart)`, `Text(String)`,
///   `Bytes(Vec<u8>)`, or `Bytes { content_type, bytes }` under a range, whose type is
///   checked to lie within it before sending. A kind documented twice is named after
///   its media types (`ApplicationMergePatchJson`, `ImagePng`, `Any` for `*/*`). Each is
///   sent with its documented `Content-Type`. A required body is an argument of the
///   client method, an optional one (`required: false`, OpenAPI's default) the request's
///   `.body(..)` setter; either takes `impl Into<{Operation}Content>`, with `From` for the
///   preferred variant's type (and the forms), so code that passes the preferred type
///   compiles unchanged.
///
///   Responses: JSON bodies decode as their type, `text/*` bodies come back as `String`,
///   any other body as `Vec<u8>` (read whole, up to the transport's size limit). Status
///   ranges (`2XX`…) and `default` are matched after explicit codes; error bodies that
///   are not JSON stay raw in the error. A success response documented in media types
///   of different kinds (JSON, text, bytes; or JSON of different schemas) is decoded by
///   its `Content-Type` (parameters and case ignored, a range such as `image/*` matching
///   its type, any `+json` type matching JSON, none read as the first variant) into
///   `{Operation}Response{status}Body` (`{Operation}ResponseDefaultBody` for `default`):
///   variants `Json(T)`, `Text(String)` and `Bytes(Vec<u8>)`, several JSON schemas each
///   named after its first media type (`application/vnd.api+json` →
///   `ApplicationVndApiJson`); a media type documented for none is
///   `Error::ContentType`, with the status and the start of the body. Media types of one
///   kind (two JSON media types of one schema, several `text/*`) are read as that kind
///   whatever the `Content-Type`. `Accept` lists every media type the operation's
///   responses are documented in, in document order (when that is only JSON, the
///   runtime's default `application/json`).
///
///   Parameters: path, query, header and cookie. Arrays follow `style` and `explode`
///   (`form` repeats the key or joins with `,`; `spaceDelimited`, `pipeDelimited`; path
///   and header join with `,`). Objects in the query are sent one key per property
///   (exploded `form`) or as `name[prop]=value` (`deepObject`). A parameter defined with
///   `content: application/json` is sent as JSON text.
///
///   Security: `apiKey` in a header, query or cookie, http `bearer` and `basic`, other
///   http schemes as a whole `Authorization` value, and `oauth2`/`openIdConnect` as
///   bearer tokens the caller obtains; requirement lists (AND) and alternatives (OR) are
///   honoured, and `security: []` sends nothing.
///
///   Loading is tolerant of what published documents contain: YAML anchors, aliases and
///   merge keys; integer bounds beyond 64 bits (kept as `x-jeri-minimum`/`x-jeri-maximum`
///   extensions); `type: "null"` read as `nullable: true` in 3.0 documents too; in a 3.0
///   document `$ref` siblings are ignored, as OpenAPI 3.0 says.
///
/// # Dependencies of the generated code
///
/// The crate that invokes the macro needs `serde` (with the `derive` feature) and
/// `serde_json`; in client mode also the runtime crate (`jeri-runtime`, or the crate that
/// owns the module given as `runtime`, such as `jeri-client`, which re-exports it); in
/// server mode `jeri-server` (or the crate given as `server = …`).
///
/// # Errors
///
/// Problems in the spec are reported as compile errors naming the spec file, the line, the
/// place in the spec and what to do, e.g.:
///
/// ```text
/// error: spec/openapi.yaml:42: error at `paths./v1/x.get.parameters[0]`: path parameter `id` is declared, but the path `/v1/x` has no `{id}`
///          help: add `{id}` to the path, or remove the parameter (or change its `in`)
/// ```
///
/// All problems are reported at once. Code is still generated for the parts without
/// problems (an operation with a problem is left out; a schema with a problem becomes
/// `serde_json::Value`), so the real errors are not buried under follow-on errors.
///
/// # Examples
///
/// ```ignore
/// // A client over jeri-runtime:
/// jeri_macros::generate!("../spec/openapi.yaml");
///
/// // The same, calling a runtime module of this crate:
/// jeri_macros::generate!("spec.json", runtime = crate::runtime);
///
/// // Only the types, e.g. for a test double:
/// jeri_macros::generate!("spec.yaml", types_only);
///
/// // The types and a server (trait, checks, axum router) over jeri-server:
/// jeri_macros::generate!("spec.yaml", server);
///
/// // An extra `CustomerClient` with the operations a customer token can call:
/// jeri_macros::generate!(
///     "spec.yaml",
///     runtime = crate::runtime,
///     scope(CustomerClient = "customerToken"),
/// );
/// ```
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let (literal, settings) = match jeri_codegen::Settings::parse(input.into()) {
        Ok(parsed) => parsed,
        Err(e) => return e.to_compile_error().into(),
    };
    let written = literal.value();
    let resolved = resolve(&written);
    let source = match std::fs::read_to_string(&resolved) {
        Ok(source) => source,
        Err(e) => {
            let message = format!(
                "cannot read the spec `{written}` (looked at `{}`): {e}\n  help: the path is relative to \
                 the directory of the file that invokes `generate!`; fix the path or create the file",
                resolved.display()
            );
            return syn::Error::new(literal.span(), message)
                .to_compile_error()
                .into();
        }
    };
    // Built on the compiler's own tokens. Printing the output as text and parsing it back
    // would be quicker to hand over, but the compiler files such text as a source of the
    // crate named by its hash, so any change to the output would change the crate's hash
    // and force its whole metadata to be written again on every rebuild.
    let output = jeri_codegen::generate(&source, &settings);
    let errors = output.errors.iter().map(|e| {
        let message = jeri_codegen::render_error(&written, e);
        quote::quote_spanned!(literal.span()=> ::core::compile_error!(#message);)
    });
    let tracked = std::fs::canonicalize(&resolved).unwrap_or(resolved);
    let tracked = tracked.to_string_lossy().into_owned();
    // `include_str!` makes the compiler track the spec, so that editing it rebuilds the
    // crate. As the documentation of a hidden unnamed constant, the text is neither
    // compiled nor documented, and the crate's metadata does not change with it (as a
    // `&str` constant, every edit of the spec forced the metadata to be written again).
    // Left out when rustdoc collects doctests, which it would find in the spec's text.
    let mut all: TokenStream = quote! {
        #[doc(hidden)]
        #[cfg_attr(not(doctest), doc = ::core::include_str!(#tracked))]
        const _: () = ();
        #(#errors)*
    }
    .into();
    all.extend(TokenStream::from(output.tokens));
    all
}

/// The spec path as `include_str!` would resolve it.
fn resolve(written: &str) -> PathBuf {
    let path = Path::new(written);
    if path.is_absolute() {
        return path.to_owned();
    }
    let invoking_dir = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.parent().map(Path::to_owned));
    match invoking_dir {
        Some(dir) => dir.join(path),
        None => {
            let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .unwrap_or_default();
            manifest.join(path)
        }
    }
}
