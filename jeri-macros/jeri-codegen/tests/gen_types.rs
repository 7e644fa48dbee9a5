//! `types_module`: the Rust item each kind of `TypeDef` becomes.

mod gen_fixture;

use gen_fixture::{field, named, type_def};
use jeri_codegen::model::{Api, Docs, EnumVariant, IntType, TypeDef, TypeKind, TypeRef};
use jeri_codegen::types::{SerdeImpls, types_module, types_module_with};

fn runtime() -> syn::Path {
    syn::parse_quote!(::jeri_runtime)
}

fn api_with(types: Vec<TypeDef>) -> Api {
    Api {
        types,
        operations: Vec::new(),
        ..gen_fixture::api()
    }
}

/// The items inside `pub mod types`, parsed.
fn type_items(api: &Api) -> Vec<syn::Item> {
    let file: syn::File =
        syn::parse2(types_module(api, &runtime())).expect("generated types parse");
    match file.items.as_slice() {
        [syn::Item::Mod(module)] => {
            assert_eq!(module.ident, "types");
            module.content.as_ref().expect("inline module").1.clone()
        }
        other => panic!("expected one module, got {} items", other.len()),
    }
}

fn pretty(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// Every item (type and impls) generated for the type `name`, pretty-printed.
fn text_of(api: &Api, name: &str) -> String {
    let items = type_items(api)
        .into_iter()
        .filter(|item| item_name(item).as_deref() == Some(name))
        .collect::<Vec<_>>();
    assert!(!items.is_empty(), "no item named {name}");
    pretty(items)
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(item) => Some(item.ident.to_string()),
        syn::Item::Enum(item) => Some(item.ident.to_string()),
        syn::Item::Type(item) => Some(item.ident.to_string()),
        syn::Item::Impl(item) => match &*item.self_ty {
            syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        // `open_enum! { … pub enum Name: … }`, `object! { Name, open { … } }`
        syn::Item::Macro(item) => {
            let tokens: Vec<_> = item.mac.tokens.clone().into_iter().collect();
            let is_object = item
                .mac
                .path
                .segments
                .last()
                .is_some_and(|segment| segment.ident == "object");
            if is_object {
                return tokens.first().map(ToString::to_string);
            }
            tokens
                .windows(2)
                .find(|pair| pair[0].to_string() == "enum")
                .map(|pair| pair[1].to_string())
        }
        _ => None,
    }
}

#[test]
fn small_struct_renders_exactly() {
    let mut def = type_def(
        "Balance",
        TypeKind::Struct {
            fields: vec![
                field(
                    "amount",
                    "amount",
                    TypeRef::Integer(IntType::I64),
                    true,
                    false,
                ),
                field("reason_text", "reasonText", TypeRef::String, false, false),
            ],
            additional_properties: None,
            closed: false,
        },
    );
    def.docs = Docs {
        summary: Some("A balance change".to_string()),
        ..Docs::default()
    };
    let expected = r#"/// A balance change
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
pub struct Balance {
    /// The `amount` property.
    pub amount: i64,
    /// The `reasonText` property.
    pub reason_text: ::core::option::Option<::std::string::String>,
}
::jeri_runtime::object! {
    Balance, open { 0 amount : "amount" required, 1 reason_text : "reasonText" optional,
    }
}
"#;
    assert_eq!(text_of(&api_with(vec![def]), "Balance"), expected);
}

#[test]
fn field_optionality_follows_required_and_nullable() {
    let text = text_of(&gen_fixture::api(), "Customer");
    // Required, nullable: `Option`, always sent.
    assert!(text.contains(
        "    /// The `phone` property.\n    pub phone: ::core::option::Option<::std::string::String>,"
    ));
    // Optional and nullable: absent, `null` and a value are three things.
    assert!(
        text.contains("Absent (left out), `null` and a value are three different things here.")
    );
    assert!(text.contains("    pub note: ::jeri_runtime::Nullable<::std::string::String>,"));
    // Each presence rule is the runtime's `object!` one.
    assert!(
        text.contains("phone : \"phone\" required_nullable"),
        "{text}"
    );
    assert!(
        text.contains("note : \"note\"\n    optional_nullable"),
        "{text}"
    );
    assert!(text.contains("pub r#type: ::core::option::Option<CustomerKind>,"));
    assert!(text.contains("pub parent: ::core::option::Option<::std::boxed::Box<Customer>>,"));
    assert!(text.contains("pub extra: ::core::option::Option<::serde_json::Value>,"));
    // A required field rules out `Default`.
    assert!(!text.contains("Default"));
}

#[test]
fn additional_properties_flatten_into_a_map_and_all_optional_structs_get_default() {
    let text = text_of(&gen_fixture::api(), "OldThing");
    assert!(text.contains("::core::default::Default,"));
    assert!(text.contains(
        "    #[serde(flatten)]\n    pub additional_properties: ::std::collections::BTreeMap<"
    ));
}

#[test]
fn additional_properties_name_avoids_a_field_of_that_name() {
    let def = type_def(
        "Bag",
        TypeKind::Struct {
            fields: vec![field(
                "additional_properties",
                "additional_properties",
                TypeRef::Bool,
                true,
                false,
            )],
            additional_properties: Some(TypeRef::Json),
            closed: false,
        },
    );
    let text = text_of(&api_with(vec![def]), "Bag");
    assert!(text.contains("pub additional_properties: bool,"));
    assert!(text.contains("pub additional_properties_: ::std::collections::BTreeMap<"));
}

/// The enum, its listed values and docs go to the runtime's `open_enum!`, which writes
/// the helpers and impls (tested in `jeri-runtime`); nothing else is generated per enum.
#[test]
fn string_enums_are_one_open_enum_invocation() {
    let text = text_of(&gen_fixture::api(), "CustomerKind");
    let invocation: syn::ItemMacro = syn::parse_str(&text).expect("one macro invocation");
    let path = &invocation.mac.path;
    assert_eq!(
        quote::quote!(#path).to_string(),
        ":: jeri_runtime :: open_enum"
    );
    let tokens = invocation.mac.tokens.to_string();
    for expected in [
        "pub enum CustomerKind : string , unknown Unknown_ {",
        "# [doc = \" `person`\"] Person = \"person\" ,",
        "Company = \"COMPANY\" ,",
    ] {
        assert!(
            tokens.contains(expected),
            "missing {expected:?} in\n{tokens}"
        );
    }
}

#[test]
fn a_string_enum_of_one_value_is_a_constant() {
    let def = type_def(
        "ImageType",
        TypeKind::StringEnum {
            variants: vec![EnumVariant {
                rust_name: "Image".to_string(),
                wire_value: "image".to_string(),
            }],
        },
    );
    let items = type_items(&api_with(vec![def]));
    let text = pretty(items);
    let expected = r#"/// Generated from `components.schemas.ImageType`.
///
/// Always `image`: another value does not decode as this type.
pub type ImageType = ::jeri_runtime::Constant<__ImageType>;
#[doc(hidden)]
pub enum __ImageType {}
impl ::jeri_runtime::ConstantValue for __ImageType {
    const VALUE: &'static str = "image";
}
"#;
    assert_eq!(text, expected);
}

#[test]
fn enum_without_values_is_only_unknown() {
    let text = text_of(&gen_fixture::api(), "Nothing");
    let tokens = syn::parse_str::<syn::ItemMacro>(&text)
        .expect("one macro invocation")
        .mac
        .tokens
        .to_string();
    assert!(
        tokens.ends_with("pub enum Nothing : string , unknown Unknown_ { }"),
        "{tokens}"
    );
}

#[test]
fn integer_enums_name_their_integer_type() {
    let def = type_def(
        "Level",
        TypeKind::IntegerEnum {
            int: IntType::I32,
            variants: vec![
                jeri_codegen::model::IntegerVariant {
                    rust_name: "N1".to_owned(),
                    wire_value: 1,
                },
                jeri_codegen::model::IntegerVariant {
                    rust_name: "Minus5".to_owned(),
                    wire_value: -5,
                },
            ],
        },
    );
    let text = text_of(&api_with(vec![def]), "Level");
    let tokens = syn::parse_str::<syn::ItemMacro>(&text)
        .expect("one macro invocation")
        .mac
        .tokens
        .to_string();
    assert!(
        tokens.contains("pub enum Level : integer i32 , unknown Unknown_ {"),
        "{tokens}"
    );
    assert!(tokens.contains("Minus5 = - 5 ,"), "{tokens}");
}

#[test]
fn tagged_union_keeps_the_tag_inside_each_alternative() {
    let text = text_of(&gen_fixture::api(), "Item");
    assert!(!text.contains("#[serde(tag"));
    for expected in [
        "    /// `feature` is `users`.\n    Users(UserItem),",
        "Self::Loyalty(value) => (\"loyalty\", ::serde_json::to_value(value)),",
        "::std::string::String::from(\"feature\"),",
        "\"users\" => ::serde_json::from_value(value).map(Self::Users),",
        "::serde::de::Error::unknown_variant(other, &[\"users\", \"loyalty\"])",
        ".ok_or_else(|| ::serde::de::Error::missing_field(\"feature\"))?;",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn untagged_union_derives_serde() {
    let text = text_of(&gen_fixture::api(), "Message");
    assert!(text.contains("#[serde(untagged)]\npub enum Message {"));
    assert!(text.contains("    Lines(::std::vec::Vec<::std::string::String>),"));
}

#[test]
fn aliases_and_maps() {
    let api = gen_fixture::api();
    assert!(text_of(&api, "Items").ends_with("pub type Items = ::std::vec::Vec<Item>;\n"));
    assert!(text_of(&api, "Labels").ends_with(
        "pub type Labels = ::std::collections::BTreeMap<::std::string::String, bool>;\n"
    ));
}

#[test]
fn docs_show_assumptions_and_fall_back_to_the_origin() {
    let api = gen_fixture::api();
    let customer = text_of(&api, "Customer");
    assert!(customer.starts_with(
        "/// A customer\n///\n/// Holds a `Vec<T>` and [links](https://example.com).\n///\n\
         /// <div class=\"warning\">Assumption: Balance is an integer.</div>\n"
    ));
    assert!(text_of(&api, "Items").starts_with("/// Generated from `components.schemas.Items`.\n"));
}

#[test]
fn deprecated_types_are_marked_and_allowed_inside_the_module() {
    let api = gen_fixture::api();
    assert!(text_of(&api, "OldThing").contains("#[deprecated]\n"));
    let module = types_module(&api, &runtime()).to_string();
    assert!(module.contains("# [allow (deprecated)] pub mod types"));

    let plain = api_with(vec![type_def("Plain", TypeKind::Alias(TypeRef::Bool))]);
    assert!(
        !types_module(&plain, &runtime())
            .to_string()
            .contains("allow")
    );
}

#[test]
fn generated_code_never_relies_on_the_prelude_or_imports() {
    let text = pretty(type_items(&gen_fixture::api()));
    assert!(!text.contains("use "));
    for bare in [
        " String", "<String", " Option<", " Vec<", " Box<", " Result<",
    ] {
        assert!(!text.contains(bare), "unqualified {bare:?}");
    }
}

#[test]
fn named_references_stay_bare_inside_the_module() {
    let def = type_def(
        "Wrapper",
        TypeKind::Alias(TypeRef::Array(Box::new(named("Customer")))),
    );
    let text = text_of(&api_with(vec![def]), "Wrapper");
    assert!(text.contains("= ::std::vec::Vec<Customer>;"));
}

#[test]
fn secret_fields_get_a_hand_written_redacted_debug() {
    let secret = |mut field: jeri_codegen::model::Field| {
        field.secret = true;
        field
    };
    let def = type_def(
        "Session",
        TypeKind::Struct {
            fields: vec![
                secret(field(
                    "access_token",
                    "accessToken",
                    TypeRef::String,
                    true,
                    false,
                )),
                secret(field(
                    "refresh_token",
                    "refreshToken",
                    TypeRef::String,
                    false,
                    false,
                )),
                field("r#type", "type", TypeRef::String, true, false),
            ],
            additional_properties: Some(TypeRef::Json),
            closed: false,
        },
    );
    let expected = r#"/// Generated from `components.schemas.Session`.
#[derive(
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::serde::Serialize,
    ::serde::Deserialize,
)]
pub struct Session {
    /// The `accessToken` property.
    ///
    /// A credential: the struct's `Debug` output shows `[REDACTED]` instead.
    #[serde(rename = "accessToken")]
    pub access_token: ::std::string::String,
    /// The `refreshToken` property.
    ///
    /// A credential: the struct's `Debug` output shows `[REDACTED]` instead.
    #[serde(rename = "refreshToken")]
    #[serde(default, skip_serializing_if = "::core::option::Option::is_none")]
    pub refresh_token: ::core::option::Option<::std::string::String>,
    /// The `type` property.
    pub r#type: ::std::string::String,
    /// Properties not listed in the spec, by name.
    #[serde(flatten)]
    pub additional_properties: ::std::collections::BTreeMap<
        ::std::string::String,
        ::serde_json::Value,
    >,
}
impl ::core::fmt::Debug for Session {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.debug_struct("Session")
            .field("access_token", &::core::format_args!("[REDACTED]"))
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| ::core::format_args!("[REDACTED]")),
            )
            .field("type", &self.r#type)
            .field("additional_properties", &self.additional_properties)
            .finish()
    }
}
"#;
    assert_eq!(text_of(&api_with(vec![def]), "Session"), expected);
}

#[test]
fn structs_without_secret_fields_keep_the_derived_debug() {
    let text = text_of(&gen_fixture::api(), "Customer");
    assert!(text.contains("#[derive(::core::fmt::Debug,"), "{text}");
    assert!(!text.contains("impl ::core::fmt::Debug"));
    assert!(!text.contains("REDACTED"));
}

#[test]
fn server_types_derive_serde_as_their_crate_has_no_client_runtime() {
    let api = gen_fixture::api();
    let derived = types_module_with(&api, &runtime(), SerdeImpls::Derived).to_string();
    let runtime_impls = types_module(&api, &runtime()).to_string();
    assert!(!derived.contains("object !"), "{derived}");
    assert!(derived.contains(":: serde :: Deserialize"));
    assert!(
        derived.contains("# [serde (rename = \"emailAddress\")]"),
        "{derived}"
    );
    assert!(runtime_impls.contains(":: jeri_runtime :: object !"));
    assert!(!runtime_impls.contains("rename = \"emailAddress\""));
}

#[test]
fn constructors_and_setters_of_body_types_take_plain_strings_through_into() {
    let api = gen_fixture::api();
    let compact = |name: &str| text_of(&api, name).split_whitespace().collect::<String>();
    // Every property required: the docs do not promise setters.
    let user = compact("UserItem");
    assert!(
        user.contains("///Avaluewithitsproperties(`feature`,`email`).#[inline]pubfnnew(feature:impl::core::convert::Into<::std::string::String>,email:impl::core::convert::Into<::std::string::String>,)->Self{Self{feature:feature.into(),email:email.into(),}}"),
        "{user}"
    );
    // A number is taken as it is held.
    let loyalty = compact("LoyaltyItem");
    assert!(
        loyalty.contains("balance:f64,)->Self{Self{feature:feature.into(),balance,}}"),
        "{loyalty}"
    );
    // An optional string's setter takes `impl Into<String>` too.
    let old = compact("OldThing");
    assert!(
        old.contains("pubfnname(mutself,value:impl::core::convert::Into<::std::string::String>,)->Self{self.name=::core::option::Option::Some(value.into());self}"),
        "{old}"
    );
}
