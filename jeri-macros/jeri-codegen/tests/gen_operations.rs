//! `operations`: request values, response typing, clients and `SERVERS`.

mod gen_fixture;

use gen_fixture::{operation, param, response};
use jeri_codegen::client::operations;
use jeri_codegen::model::{
    Api, IntType, Limit, Method, ParamLocation, PathPart, StatusMatch, TypeRef,
};
use jeri_codegen::settings::{Scope, Settings};

fn settings() -> Settings {
    Settings {
        runtime: syn::parse_quote!(crate::runtime),
        types_only: false,
        scopes: vec![
            Scope {
                client_name: "CustomerClient".to_string(),
                scheme: "customerToken".to_string(),
            },
            Scope {
                client_name: "QueryClient".to_string(),
                scheme: "queryKey".to_string(),
            },
        ],
        ..Settings::default()
    }
}

fn generate(api: &Api, settings: &Settings) -> syn::File {
    syn::parse2(operations(api, settings)).expect("generated operations parse")
}

fn pretty(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

fn requests_items(file: &syn::File) -> Vec<syn::Item> {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(module) if module.ident == "requests" => {
                Some(module.content.as_ref().expect("inline").1.clone())
            }
            _ => None,
        })
        .expect("a requests module")
}

/// The struct, enum and impls named `name` inside `requests`, pretty-printed; for a
/// request that is an alias of the runtime's `Prepared`, the alias, its marker type
/// (`…Operation`) and the marker's impl.
fn request_text(file: &syn::File, name: &str) -> String {
    let marker = format!("{}Operation", name.trim_end_matches("Request"));
    let named = |ident: &syn::Ident| ident == name || ident == &marker;
    let items: Vec<syn::Item> = requests_items(file)
        .into_iter()
        .filter(|item| match item {
            syn::Item::Struct(item) => named(&item.ident),
            syn::Item::Enum(item) => named(&item.ident),
            syn::Item::Type(item) => item.ident == name,
            syn::Item::Impl(item) => {
                matches!(&*item.self_ty, syn::Type::Path(p) if p.path.get_ident().is_some_and(named))
            }
            // `request! { #[doc = ..] pub struct Name => Output { .. } .. }`
            syn::Item::Macro(item) => {
                let tokens: Vec<String> = item
                    .mac
                    .tokens
                    .clone()
                    .into_iter()
                    .map(|token| token.to_string())
                    .collect();
                tokens
                    .windows(2)
                    .any(|pair| pair[0] == "struct" && pair[1] == name)
            }
            _ => false,
        })
        .collect();
    assert!(!items.is_empty(), "no request item {name}");
    pretty(items)
}

/// `text` without whitespace, for what is inside a macro invocation (printed as tokens).
fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Method names of the root-level client struct `name`.
fn client_methods(file: &syn::File, name: &str) -> Vec<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(item) if matches!(&*item.self_ty, syn::Type::Path(p) if p.path.is_ident(name)) => {
                Some(item.items.iter().filter_map(|item| match item {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                }))
            }
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn minimal_operation_renders_exactly() {
    let mut op = operation(
        "getThing",
        Method::Get,
        vec![
            PathPart::Literal("/v1/things/".to_string()),
            PathPart::Param("thingId".to_string()),
        ],
    );
    op.params = vec![param(
        "thing_id",
        "thingId",
        ParamLocation::Path,
        TypeRef::String,
        true,
    )];
    op.responses = vec![
        response(StatusMatch::Code(200), Some(TypeRef::Bool)),
        response(StatusMatch::Code(404), None),
    ];
    let api = Api {
        types: Vec::new(),
        operations: vec![op],
        ..gen_fixture::api()
    };
    // Every argument is required: the request is the runtime's `Prepared` over a marker
    // type whose `Operation` impl encodes the arguments, taken from a tuple.
    let expected = r#"/// Request for `getThing` (`GET /v1/things/{thingId}`), built by the client; send it with `.await`.
pub type GetThingRequest = crate::runtime::Prepared<GetThingOperation>;
/// The `getThing` operation (`GET /v1/things/{thingId}`): how [`GetThingRequest`] encodes its arguments and decodes the response.
pub struct GetThingOperation(pub(super) ());
impl crate::runtime::Operation for GetThingOperation {
    type Args = (::std::string::String,);
    type Output = bool;
    const OPERATION: &'static crate::runtime::OperationInfo = &crate::runtime::OperationInfo {
        id: "getThing",
        method: crate::runtime::Method::Get,
        path: "/v1/things/{thingId}",
        security: &[
            &[
                crate::runtime::SecurityRequirement::ApiKeyHeader {
                    scheme: "apiKey",
                    header: "api-key",
                },
            ],
        ],
    };
    #[inline]
    fn encode(
        call: &mut crate::runtime::Call,
        (arg_thing_id,): Self::Args,
    ) -> crate::runtime::Result<()> {
        call.path_params(&[&arg_thing_id])?;
        ::core::result::Result::Ok(())
    }
    #[inline]
    fn decode(
        received: crate::runtime::Received,
    ) -> crate::runtime::Result<Self::Output> {
        match received.status() {
            200 => received.json::<bool>(),
            _ => received.unexpected_result(),
        }
    }
}
"#;
    assert_eq!(
        request_text(&generate(&api, &settings()), "GetThingRequest"),
        expected
    );
}

#[test]
fn path_pieces_are_appended_one_by_one_unless_the_template_is_plain() {
    let parts = || {
        vec![
            PathPart::Literal("/v1/things/".to_string()),
            PathPart::Param("ids".to_string()),
            PathPart::Literal("/tags".to_string()),
        ]
    };
    let path_op = |id: &str, ty: TypeRef| {
        let mut op = operation(id, Method::Get, parts());
        op.params = vec![param("ids", "ids", ParamLocation::Path, ty, true)];
        op.responses = vec![response(StatusMatch::Code(204), None)];
        op
    };
    let unplain = path_op("listThings", TypeRef::Array(Box::new(TypeRef::Bool)));
    let plain = path_op("getThing", TypeRef::Bool);
    let mut literal = operation(
        "getStatus",
        Method::Get,
        vec![PathPart::Literal("/v1/status".to_string())],
    );
    literal.responses = vec![response(StatusMatch::Code(204), None)];
    let api = Api {
        types: Vec::new(),
        operations: vec![unplain, plain, literal],
        ..gen_fixture::api()
    };
    let file = generate(&api, &settings());
    // An array is joined by the generated code, so the pieces go one by one.
    let text = request_text(&file, "ListThingsRequest");
    for expected in [
        "call.path_literal(\"/v1/things/\");",
        ".join(\",\");\n        call.path_param(\"ids\", &joined)?;",
        "call.path_literal(\"/tags\");",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains("path_params"), "{text}");
    let text = request_text(&file, "GetThingRequest");
    assert!(text.contains("call.path_params(&[&arg_ids])?;"), "{text}");
    let text = request_text(&file, "GetStatusRequest");
    assert!(
        text.contains("call.path_literal(\"/v1/status\");"),
        "{text}"
    );
}

#[test]
fn parameters_go_where_the_spec_puts_them() {
    let text = request_text(
        &generate(&gen_fixture::api(), &settings()),
        "GetCustomerRequest",
    );
    for expected in [
        // Path values in template order, the template walked by the runtime.
        "call.path_params(&[&self.program_id, &self.email])?;",
        "call.query(\"kind\", &self.kind);",
        // Query arrays repeat the key.
        "for value in &self.ids {\n            call.query(\"ids\", value);\n        }",
        // A plain optional query value is sent when set.
        "call.query_optional(\"expires_in\", &self.expires_in);",
        "call.header(\"X-Trace\", value)?;",
        // Header arrays are joined.
        ".join(\",\");\n            call.header(\"X-Tags\", &joined)?;",
        "call.query_optional(\"opts\", &self.options_param);",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let declared = compact(&text);
    for expected in [
        // Required arguments in order, as stored; optional ones with their setter's
        // argument type (strings through `Into`).
        "structGetCustomerRequest=>super::types::Customer{program_id:::std::string::String,email:::std::string::String,kind:super::types::CustomerKind,ids:::std::vec::Vec<i32>,}",
        "trace(impl::core::convert::Into<::std::string::String>):::std::string::String,",
        // A parameter named like the request's own `options` gets a suffix.
        "options_param(bool):bool,",
    ] {
        assert!(
            declared.contains(expected),
            "missing {expected:?} in\n{text}"
        );
    }
}

#[test]
fn error_statuses_decode_their_documented_schema() {
    let text = request_text(
        &generate(&gen_fixture::api(), &settings()),
        "GetCustomerRequest",
    );
    let arms = text
        .split("match received.status() {")
        .nth(1)
        .expect("a match");
    let expected = "
            200 => received.json::<super::types::Customer>(),
            400 => received.unexpected_result(),
            401 | 404 => received.api_error_result::<super::types::ErrorBody, _>(),
            400..=499 => received.api_error_result::<::serde_json::Value, _>(),
            _ => received.unexpected_result(),
        }";
    assert!(arms.starts_with(expected), "got\n{arms}");
}

#[test]
fn several_success_types_make_a_response_enum() {
    let text = request_text(
        &generate(&gen_fixture::api(), &settings()),
        "UpsertItemsResponse",
    );
    assert!(text.contains("pub enum UpsertItemsResponse {"));
    for variant in [
        "Status200(super::types::Customer),",
        "Status201(super::types::Empty),",
        "Status204,",
        "Status2XX(::serde_json::Value),",
    ] {
        assert!(text.contains(variant), "missing {variant}");
    }
    let request = request_text(
        &generate(&gen_fixture::api(), &settings()),
        "UpsertItemsRequest",
    );
    for expected in [
        "pub const BODY_MAX_ITEMS: usize = 250;",
        "type Output = UpsertItemsResponse;",
        "204 => received.empty().map(|()| UpsertItemsResponse::Status204),",
        "200..=299 => {\n                received\n                    .json::<::serde_json::Value>()",
        "_ => received.api_error_result::<super::types::ErrorBody, _>(),",
        "call.json_body(&self.body)?;",
    ] {
        assert!(
            request.contains(expected),
            "missing {expected:?} in\n{request}"
        );
    }
    let compact: String = request.split_whitespace().collect();
    assert!(
        compact.contains(
            "security:&[&[crate::runtime::SecurityRequirement::ApiKeyHeader{scheme:\"apiKey\",header:\"api-key\",},],&[crate::runtime::SecurityRequirement::Bearer{scheme:\"customerToken\",},],],"
        ),
        "{request}"
    );
}

#[test]
fn default_only_response_types_success_and_errors() {
    let text = request_text(
        &generate(&gen_fixture::api(), &settings()),
        "GetStatusRequest",
    );
    assert!(text.contains("type Output = super::types::Labels;"));
    assert!(text.contains("200..=299 => received.json::<super::types::Labels>(),"));
    assert!(text.contains("received.api_error_result::<super::types::Labels, _>()"));
    assert!(text.contains("security: &[],"));
}

#[test]
fn no_documented_success_accepts_any_2xx_as_unit() {
    let text = request_text(&generate(&gen_fixture::api(), &settings()), "PingRequest");
    assert!(text.contains("type Output = ();"));
    assert!(text.contains("200..=299 => received.empty(),"));
    // The `oauth` alternative cannot be satisfied by the runtime and is left out.
    let compact: String = text.split_whitespace().collect();
    assert!(
        compact.contains(
            "security:&[&[crate::runtime::SecurityRequirement::Bearer{scheme:\"customerToken\",},],],"
        ),
        "{text}"
    );
}

#[test]
fn optional_bodies_and_other_media_types() {
    let file = generate(&gen_fixture::api(), &settings());
    let delete = request_text(&file, "DeleteThingRequest");
    assert!(compact(&delete).contains(
        "optional{#[doc=\"Thethingtodelete.\"]body(super::types::OldThing):super::types::OldThing,}"
    ), "{delete}");
    assert!(delete.contains(
        "if let ::core::option::Option::Some(body) = &self.body {\n            call.json_body(body)?;"
    ));
    let upload = request_text(&file, "UploadRequest");
    assert!(upload.contains("call.bytes_body_as("), "{upload}");
    assert!(
        upload.contains("self.content_type.as_deref().unwrap_or(\"application/octet-stream\")")
    );
    assert!(compact(&upload).contains(
        "content_type(impl::core::convert::Into<::std::string::String>):::std::string::String,"
    ));
    assert!(request_text(&file, "NoteRequest").contains("call.text_body(body)?;"));
    assert!(request_text(&file, "LoginRequest").contains("call.form_body(&arg_body)?;"));
}

#[test]
fn client_has_every_operation_and_scopes_only_theirs() {
    let file = generate(&gen_fixture::api(), &settings());
    assert_eq!(
        client_methods(&file, "Client"),
        [
            "from_transport",
            "transport",
            "transport_builder",
            "get_customer",
            "upsert_items",
            "delete_thing",
            "get_status",
            "ping",
            "upload",
            "note",
            "login"
        ]
    );
    // `deleteThing` needs customerToken together with apiKey, so it is not in the scope.
    assert_eq!(
        client_methods(&file, "CustomerClient"),
        [
            "from_transport",
            "transport",
            "transport_builder",
            "upsert_items",
            "ping"
        ]
    );
    assert_eq!(
        client_methods(&file, "QueryClient"),
        ["from_transport", "transport", "transport_builder"]
    );
    let text = pretty(file.items.clone());
    assert!(
        text.contains(
            "/// No operation accepts `queryKey` alone, so this client has no methods.\n"
        )
    );
}

#[test]
fn client_methods_call_the_request_constructor() {
    let text = pretty(generate(&gen_fixture::api(), &settings()).items);
    let expected = r#"    /// getCustomer
    ///
    /// `GET /v1/programs/{programId}/customers/{email}`; sending the request (`.await`) gives `types::Customer`.
    ///
    /// Errors are `Error::Api`; the body is typed for `401`, `404` (`body::<types::ErrorBody>()`) and `4XX` (`body::<serde_json::Value>()`).
    ///
    /// - `program_id`: The program id or slug. (limits: 1 to 64 characters)
    ///
    /// <div class="warning">Assumption: Email is case-insensitive.</div>
    #[inline]
    pub fn get_customer(
        &self,
        program_id: impl ::core::convert::Into<::std::string::String>,
        email: impl ::core::convert::Into<::std::string::String>,
        kind: self::types::CustomerKind,
        ids: ::std::vec::Vec<i32>,
    ) -> self::requests::GetCustomerRequest {
        self::requests::GetCustomerRequest::new(
            &self.transport,
            program_id.into(),
            email.into(),
            kind,
            ids,
        )
    }
"#;
    assert!(text.contains(expected), "got\n{text}");
    assert!(text.contains("    #[deprecated]\n    #[inline]\n    pub fn delete_thing(&self)"));
    // A request of required arguments only takes them as one tuple, and the marker
    // only the client's methods can make.
    for expected in [
        "self::requests::PingRequest::new(\n            &self.transport,\n            (),\n            self::requests::PingOperation(()),\n        )",
        "self::requests::LoginRequest::new(\n            &self.transport,\n            (body,),\n            self::requests::LoginOperation(()),\n        )",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // A typed `default` covers every status not documented otherwise; a `default` alone
    // types the errors as the success; no typed error body, no line.
    for expected in [
        "/// Errors are `Error::Api`; the body is typed for `default`, any other status (`body::<types::ErrorBody>()`).\n    #[inline]\n    pub fn upsert_items(",
        "/// Errors are `Error::Api`; the body is typed for any status but `2XX` (`body::<types::Labels>()`).\n    #[inline]\n    pub fn get_status(",
        "/// `POST /v1/notes`; sending the request (`.await`) gives `()`.\n    #[inline]\n    pub fn note(",
        "/// `POST /v1/programs/{programId}/items`; sending the request (`.await`) gives `requests::UpsertItemsResponse`.\n",
        "/// Errors are `Error::Api`; the body is typed for `404` (`body::<types::ErrorBody>()`).\n    #[inline]\n    pub fn ping(",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn servers_are_listed() {
    let text = pretty(generate(&gen_fixture::api(), &settings()).items);
    let expected = "/// Server URLs from the spec, in document order.
///
/// - `https://api.example.com`: Production
/// - `https://s.api.example.com`
pub const SERVERS: &[&str] = &[\"https://api.example.com\", \"https://s.api.example.com\"];
";
    assert!(text.starts_with(expected), "got\n{text}");
}

#[test]
fn relative_runtime_path_is_reached_from_the_requests_module() {
    let settings = Settings {
        runtime: syn::parse_quote!(rt),
        ..settings()
    };
    let text = pretty(generate(&gen_fixture::api(), &settings).items);
    assert!(text.contains("super::rt::request! {"));
    assert!(text.contains("impl super::rt::Request for GetCustomerRequest {"));
    assert!(text.contains("pub struct Client {\n    transport: rt::Transport,\n}"));
}

#[test]
fn types_only_generates_no_operations() {
    let settings = Settings {
        types_only: true,
        ..settings()
    };
    assert!(operations(&gen_fixture::api(), &settings).is_empty());
}

#[test]
fn the_common_response_shape_decodes_in_one_call() {
    let op = |id: &str, responses| {
        let mut op = operation(
            id,
            Method::Get,
            vec![PathPart::Literal("/v1/things".to_string())],
        );
        op.responses = responses;
        op
    };
    let errors = || {
        vec![
            response(StatusMatch::Range(4), Some(TypeRef::String)),
            response(StatusMatch::Range(5), Some(TypeRef::String)),
        ]
    };
    let with = |mut first: Vec<_>, rest: Vec<_>| {
        first.extend(rest);
        first
    };
    let api = Api {
        types: Vec::new(),
        operations: vec![
            op(
                "getThing",
                with(
                    vec![response(StatusMatch::Code(200), Some(TypeRef::Bool))],
                    errors(),
                ),
            ),
            op(
                "dropThing",
                with(vec![response(StatusMatch::Code(204), None)], errors()),
            ),
            // Near misses: a second success, an error typed apart, no 5XX, a `default`.
            op(
                "twoSuccesses",
                with(
                    vec![
                        response(StatusMatch::Code(200), Some(TypeRef::Bool)),
                        response(StatusMatch::Code(201), Some(TypeRef::Bool)),
                    ],
                    errors(),
                ),
            ),
            op(
                "typedApart",
                with(
                    vec![
                        response(StatusMatch::Code(200), Some(TypeRef::Bool)),
                        response(StatusMatch::Code(404), Some(TypeRef::Bool)),
                    ],
                    errors(),
                ),
            ),
            op(
                "noServerErrors",
                vec![
                    response(StatusMatch::Code(200), Some(TypeRef::Bool)),
                    response(StatusMatch::Range(4), Some(TypeRef::String)),
                ],
            ),
            op(
                "withDefault",
                with(
                    vec![
                        response(StatusMatch::Code(200), Some(TypeRef::Bool)),
                        response(StatusMatch::Default, Some(TypeRef::String)),
                    ],
                    errors(),
                ),
            ),
        ],
        ..gen_fixture::api()
    };
    let file = generate(&api, &settings());
    assert!(
        request_text(&file, "GetThingRequest")
            .contains("received.json_or_api_error::<bool, ::std::string::String>(200)")
    );
    assert!(
        request_text(&file, "DropThingRequest")
            .contains("received.empty_or_api_error::<::std::string::String>(204)")
    );
    for name in [
        "TwoSuccessesRequest",
        "TypedApartRequest",
        "NoServerErrorsRequest",
        "WithDefaultRequest",
    ] {
        let text = request_text(&file, name);
        assert!(text.contains("match received.status()"), "{name}: {text}");
        assert!(!text.contains("_or_api_error"), "{name}: {text}");
    }
}

#[test]
fn parameter_limits_are_checked_before_encoding() {
    let mut op = operation(
        "getThing",
        Method::Get,
        vec![
            PathPart::Literal("/v1/things/".to_string()),
            PathPart::Param("code".to_string()),
        ],
    );
    let mut code = param("code", "code", ParamLocation::Path, TypeRef::String, true);
    code.limits = vec![Limit::MaxLength(4)];
    let mut limit = param(
        "limit",
        "limit",
        ParamLocation::Query,
        TypeRef::Integer(IntType::I32),
        false,
    );
    limit.limits = vec![Limit::Minimum {
        bound: 1.0,
        exclusive: true,
    }];
    let count = param(
        "count",
        "count",
        ParamLocation::Query,
        TypeRef::Integer(IntType::I64),
        true,
    );
    op.params = vec![code, count, limit];
    op.responses = vec![response(StatusMatch::Code(204), None)];
    let api = Api {
        types: Vec::new(),
        operations: vec![op],
        ..gen_fixture::api()
    };
    let text = request_text(&generate(&api, &settings()), "GetThingRequest");
    for expected in [
        "{\n            let value = &self.code;\n            call.check_limit(\n                \"code\",\n                &value.chars().count(),\n                value.chars().count() <= 4,\n                \"at most 4 characters long\",\n            )?;\n        }",
        "if let ::core::option::Option::Some(value) = &self.limit {\n            call.check_limit(\"limit\", value, (*value as f64) > 1.0, \"greater than 1\")?;\n        }",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(text.matches("check_limit").count(), 2, "{text}");
    // Checked before anything is appended to the call.
    let checked = text.find("check_limit").unwrap_or(usize::MAX);
    let path = text.find("call.path").unwrap_or(0);
    assert!(checked < path, "{text}");
}
