//! A hand-built model exercising every shape the generators handle.

#![allow(dead_code)]

use jeri_codegen::model::*;

pub fn docs(summary: &str) -> Docs {
    Docs {
        summary: Some(summary.to_string()),
        ..Docs::default()
    }
}

pub fn field(name: &str, wire: &str, ty: TypeRef, required: bool, nullable: bool) -> Field {
    Field {
        flatten: false,
        rust_name: name.to_string(),
        wire_name: wire.to_string(),
        ty,
        required,
        nullable,
        secret: false,
        default: None,
        docs: Docs::default(),
    }
}

pub fn named(name: &str) -> TypeRef {
    TypeRef::Named(name.to_string())
}

pub fn type_def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        origin: format!("components.schemas.{name}"),
        docs: Docs::default(),
        kind,
    }
}

pub fn param(
    name: &str,
    wire: &str,
    location: ParamLocation,
    ty: TypeRef,
    required: bool,
) -> Param {
    let style = match location {
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form { explode: true },
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
    };
    Param {
        rust_name: name.to_string(),
        wire_name: wire.to_string(),
        location,
        ty,
        style,
        structured: false,
        required,
        docs: Docs::default(),
        check: jeri_codegen::model::Check::any(),
        limits: Vec::new(),
        example: None,
    }
}

pub fn response(status: StatusMatch, ty: Option<TypeRef>) -> Response {
    let media = if ty.is_some() {
        ResponseMedia::Json
    } else {
        ResponseMedia::Empty
    };
    let content_type = ty.as_ref().map(|_| "application/json".to_string());
    Response {
        status,
        ty,
        media,
        accept: content_type.iter().cloned().collect(),
        alternatives: Vec::new(),
        stream: None,
        check: None,
        content_type,
        description: "A response.".to_string(),
    }
}

pub fn operation(id: &str, method: Method, path_parts: Vec<PathPart>) -> Operation {
    let path = path_parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(name) => format!("{{{name}}}"),
        })
        .collect();
    let mut chars = id.chars();
    let type_name = chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default();
    let fn_name = id
        .chars()
        .flat_map(|c| {
            if c.is_ascii_uppercase() {
                vec!['_', c.to_ascii_lowercase()]
            } else {
                vec![c]
            }
        })
        .collect();
    Operation {
        id: id.to_string(),
        fn_name,
        type_name,
        origin: format!("paths.{id}"),
        method,
        path,
        path_parts,
        tags: Vec::new(),
        docs: docs(id),
        params: Vec::new(),
        body: None,
        responses: vec![response(StatusMatch::Code(200), None)],
        security: vec![vec!["apiKey".to_string()]],
        pagination: None,
    }
}

fn lit(text: &str) -> PathPart {
    PathPart::Literal(text.to_string())
}

fn var(name: &str) -> PathPart {
    PathPart::Param(name.to_string())
}

/// Types of every kind.
pub fn types() -> Vec<TypeDef> {
    let mut customer = type_def(
        "Customer",
        TypeKind::Struct {
            fields: vec![
                field("id", "id", TypeRef::String, true, false),
                field(
                    "email_address",
                    "emailAddress",
                    TypeRef::String,
                    true,
                    false,
                ),
                field("nickname", "nickname", TypeRef::String, false, false),
                field("phone", "phone", TypeRef::String, true, true),
                field("note", "note", TypeRef::String, false, true),
                field("r#type", "type", named("CustomerKind"), false, false),
                field(
                    "balance",
                    "balance",
                    TypeRef::Integer(IntType::I64),
                    true,
                    false,
                ),
                field(
                    "score",
                    "score",
                    TypeRef::Number(FloatType::F32),
                    false,
                    false,
                ),
                field(
                    "tags",
                    "tags",
                    TypeRef::Array(Box::new(TypeRef::String)),
                    false,
                    false,
                ),
                field("extra", "extra", TypeRef::Json, false, false),
                field(
                    "parent",
                    "parent",
                    TypeRef::Boxed(Box::new(named("Customer"))),
                    false,
                    false,
                ),
            ],
            additional_properties: None,
            closed: false,
        },
    );
    customer.docs = Docs {
        summary: Some("A customer".to_string()),
        description: Some("Holds a `Vec<T>` and [links](https://example.com).".to_string()),
        assumptions: vec!["Balance is an integer.".to_string()],
        deprecated: false,
        limits: None,
    };
    let mut old = type_def(
        "OldThing",
        TypeKind::Struct {
            fields: vec![field("name", "name", TypeRef::String, false, false)],
            additional_properties: Some(TypeRef::Integer(IntType::I32)),
            closed: false,
        },
    );
    old.docs.deprecated = true;
    vec![
        customer,
        type_def(
            "CustomerKind",
            TypeKind::StringEnum {
                variants: vec![
                    EnumVariant {
                        rust_name: "Person".to_string(),
                        wire_value: "person".to_string(),
                    },
                    EnumVariant {
                        rust_name: "Company".to_string(),
                        wire_value: "COMPANY".to_string(),
                    },
                ],
            },
        ),
        type_def(
            "Nothing",
            TypeKind::StringEnum {
                variants: Vec::new(),
            },
        ),
        old,
        type_def(
            "Empty",
            TypeKind::Struct {
                fields: Vec::new(),
                additional_properties: None,
                closed: false,
            },
        ),
        type_def(
            "UserItem",
            TypeKind::Struct {
                fields: vec![
                    field("feature", "feature", TypeRef::String, true, false),
                    field("email", "email", TypeRef::String, true, false),
                ],
                additional_properties: None,
                closed: false,
            },
        ),
        type_def(
            "LoyaltyItem",
            TypeKind::Struct {
                fields: vec![
                    field("feature", "feature", TypeRef::String, true, false),
                    field(
                        "balance",
                        "balance",
                        TypeRef::Number(FloatType::F64),
                        true,
                        false,
                    ),
                ],
                additional_properties: None,
                closed: false,
            },
        ),
        type_def(
            "Item",
            TypeKind::Union {
                tag: Some("feature".to_string()),
                variants: vec![
                    UnionVariant {
                        rust_name: "Users".to_string(),
                        ty: named("UserItem"),
                        tag_value: Some("users".to_string()),
                    },
                    UnionVariant {
                        rust_name: "Loyalty".to_string(),
                        ty: named("LoyaltyItem"),
                        tag_value: Some("loyalty".to_string()),
                    },
                ],
            },
        ),
        type_def(
            "Message",
            TypeKind::Union {
                tag: None,
                variants: vec![
                    UnionVariant {
                        rust_name: "Text".to_string(),
                        ty: TypeRef::String,
                        tag_value: None,
                    },
                    UnionVariant {
                        rust_name: "Lines".to_string(),
                        ty: TypeRef::Array(Box::new(TypeRef::String)),
                        tag_value: None,
                    },
                ],
            },
        ),
        type_def(
            "ErrorBody",
            TypeKind::Struct {
                fields: vec![
                    field(
                        "status_code",
                        "statusCode",
                        TypeRef::Integer(IntType::I64),
                        true,
                        false,
                    ),
                    field("message", "message", named("Message"), true, false),
                ],
                additional_properties: None,
                closed: false,
            },
        ),
        type_def(
            "Items",
            TypeKind::Alias(TypeRef::Array(Box::new(named("Item")))),
        ),
        type_def(
            "Labels",
            TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::Bool))),
        ),
    ]
}

/// Operations covering parameters, bodies, response typing and security.
pub fn operations() -> Vec<Operation> {
    let mut get_customer = operation(
        "getCustomer",
        Method::Get,
        vec![
            lit("/v1/programs/"),
            var("programId"),
            lit("/customers/"),
            var("email"),
        ],
    );
    get_customer.params = vec![
        param(
            "program_id",
            "programId",
            ParamLocation::Path,
            TypeRef::String,
            true,
        ),
        param("email", "email", ParamLocation::Path, TypeRef::String, true),
        param(
            "kind",
            "kind",
            ParamLocation::Query,
            named("CustomerKind"),
            true,
        ),
        param(
            "ids",
            "ids",
            ParamLocation::Query,
            TypeRef::Array(Box::new(TypeRef::Integer(IntType::I32))),
            true,
        ),
        param(
            "expires_in",
            "expires_in",
            ParamLocation::Query,
            TypeRef::Integer(IntType::I64),
            false,
        ),
        param(
            "trace",
            "X-Trace",
            ParamLocation::Header,
            TypeRef::String,
            false,
        ),
        param(
            "labels",
            "labels",
            ParamLocation::Query,
            TypeRef::Array(Box::new(TypeRef::String)),
            false,
        ),
        param(
            "tags_header",
            "X-Tags",
            ParamLocation::Header,
            TypeRef::Array(Box::new(TypeRef::String)),
            false,
        ),
        param(
            "options",
            "opts",
            ParamLocation::Query,
            TypeRef::Bool,
            false,
        ),
    ];
    get_customer.params[0].docs = Docs {
        description: Some("The program id or slug.".to_string()),
        limits: Some("1 to 64 characters".to_string()),
        ..Docs::default()
    };
    get_customer.responses = vec![
        response(StatusMatch::Code(200), Some(named("Customer"))),
        response(StatusMatch::Code(400), None),
        response(StatusMatch::Code(401), Some(named("ErrorBody"))),
        response(StatusMatch::Code(404), Some(named("ErrorBody"))),
        response(StatusMatch::Range(4), Some(TypeRef::Json)),
        response(StatusMatch::Default, None),
    ];
    get_customer.docs.assumptions = vec!["Email is case-insensitive.".to_string()];

    let mut upsert = operation(
        "upsertItems",
        Method::Post,
        vec![lit("/v1/programs/"), var("programId"), lit("/items")],
    );
    upsert.params = vec![param(
        "program_id",
        "programId",
        ParamLocation::Path,
        TypeRef::String,
        true,
    )];
    upsert.body = Some(Body {
        ty: named("Items"),
        required: true,
        max_items: Some(250),
        check: None,
        docs: Docs::default(),
        media: BodyMedia::Json,
        content_type: "application/json".to_string(),
        form: None,
        alternatives: Vec::new(),
        example: None,
    });
    upsert.responses = vec![
        response(StatusMatch::Code(200), Some(named("Customer"))),
        response(StatusMatch::Code(201), Some(named("Empty"))),
        response(StatusMatch::Code(204), None),
        response(StatusMatch::Range(2), Some(TypeRef::Json)),
        response(StatusMatch::Default, Some(named("ErrorBody"))),
    ];
    upsert.security = vec![
        vec!["apiKey".to_string()],
        vec!["customerToken".to_string()],
    ];

    let mut delete = operation("deleteThing", Method::Delete, vec![lit("/v1/things")]);
    delete.body = Some(Body {
        ty: named("OldThing"),
        required: false,
        max_items: None,
        check: None,
        docs: docs("The thing to delete."),
        media: BodyMedia::Json,
        content_type: "application/json".to_string(),
        form: None,
        alternatives: Vec::new(),
        example: None,
    });
    delete.responses = vec![response(StatusMatch::Code(204), None)];
    delete.docs.deprecated = true;
    delete.security = vec![
        vec!["apiKey".to_string(), "customerToken".to_string()],
        vec![],
    ];

    let mut status = operation("getStatus", Method::Get, vec![lit("/v1/status")]);
    status.responses = vec![response(StatusMatch::Default, Some(named("Labels")))];
    status.security = Vec::new();

    let mut ping = operation("ping", Method::Head, vec![lit("/v1/ping")]);
    ping.responses = vec![response(StatusMatch::Code(404), Some(named("ErrorBody")))];
    ping.security = vec![vec!["oauth".to_string()], vec!["customerToken".to_string()]];

    let mut upload = operation("upload", Method::Put, vec![lit("/v1/files/"), var("name")]);
    upload.params = vec![param(
        "name",
        "name",
        ParamLocation::Path,
        TypeRef::String,
        true,
    )];
    upload.body = Some(Body {
        ty: TypeRef::Array(Box::new(TypeRef::Integer(IntType::U8))),
        required: true,
        max_items: None,
        check: None,
        docs: Docs::default(),
        media: BodyMedia::Bytes,
        content_type: "application/octet-stream".to_string(),
        form: None,
        alternatives: Vec::new(),
        example: None,
    });
    let mut note = operation("note", Method::Post, vec![lit("/v1/notes")]);
    note.body = Some(Body {
        ty: TypeRef::String,
        required: false,
        max_items: None,
        check: None,
        docs: Docs::default(),
        media: BodyMedia::Text,
        content_type: "text/plain".to_string(),
        form: None,
        alternatives: Vec::new(),
        example: None,
    });
    let mut login = operation("login", Method::Post, vec![lit("/v1/login")]);
    login.body = Some(Body {
        ty: named("Empty"),
        required: true,
        max_items: None,
        check: None,
        docs: Docs::default(),
        media: BodyMedia::FormUrlEncoded,
        content_type: "application/x-www-form-urlencoded".to_string(),
        form: None,
        alternatives: Vec::new(),
        example: None,
    });

    vec![
        get_customer,
        upsert,
        delete,
        status,
        ping,
        upload,
        note,
        login,
    ]
}

pub fn api() -> Api {
    Api {
        title: "Fixture".to_string(),
        version: "1.0".to_string(),
        docs: Docs::default(),
        types: types(),
        operations: operations(),
        rules: Default::default(),
        webhooks: Vec::new(),
        webhook_signature: None,
        security_schemes: vec![
            SecurityScheme {
                name: "apiKey".to_string(),
                kind: SecurityKind::ApiKeyHeader("api-key".to_string()),
                docs: Docs::default(),
            },
            SecurityScheme {
                name: "customerToken".to_string(),
                kind: SecurityKind::Bearer,
                docs: Docs::default(),
            },
            SecurityScheme {
                name: "queryKey".to_string(),
                kind: SecurityKind::ApiKeyQuery("key".to_string()),
                docs: Docs::default(),
            },
        ],
        servers: vec![
            Server {
                url: "https://api.example.com".to_string(),
                description: Some("Production".to_string()),
            },
            Server {
                url: "https://s.api.example.com".to_string(),
                description: None,
            },
        ],
    }
}
