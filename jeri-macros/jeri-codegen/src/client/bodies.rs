//! Request bodies that can be sent more than one way: the `{Operation}Content` enum (one
//! variant per documented media type) and the typed `{Operation}Form` of a multipart
//! body whose schema is an object.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::essence;
use crate::model::{
    Api, Body, BodyAlternative, BodyMedia, FormFieldKind, MultipartForm, Operation, TypeKind,
    TypeRef,
};
use crate::rust::docs::DocText;
use crate::rust::type_ref::{Scope, arg_type, ident, type_ref};

/// The media type a raw-bytes body is sent with when the spec names a range (`*/*`,
/// `image/*`) and the caller does not pick one.
const DEFAULT_BYTES_TYPE: &str = "application/octet-stream";

/// Whether a media type is a range (`image/*`, `*/*`) rather than one type.
pub(crate) fn is_range(media: &str) -> bool {
    let essence = essence(media);
    essence.contains('*') || essence.is_empty()
}

/// Whether the operation's body is the `{Operation}Content` enum: it is documented in
/// several media types, or as a typed multipart form (which may also be sent untyped).
pub(crate) fn has_enum(body: &Body) -> bool {
    !body.alternatives.is_empty() || body.form.is_some()
}

/// `{Operation}Content`: the enum's name, after OpenAPI's `content` (a body's media
/// types); `{Operation}Body` is the inline schema of a JSON body, in `types`.
fn enum_ident(op: &Operation) -> Ident {
    format_ident!("{}Content", op.type_name)
}

/// The enum's name, as seen from `scope`.
pub(crate) fn enum_type(op: &Operation, scope: Scope) -> TokenStream {
    let name = enum_ident(op);
    match scope {
        Scope::Requests | Scope::Types => quote!(#name),
        Scope::Root => quote!(self::requests::#name),
    }
}

/// Every way the body may be sent, the preferred one first.
fn offered(body: &Body) -> Vec<BodyAlternative> {
    if body.alternatives.is_empty() {
        vec![BodyAlternative {
            variant: match body.media {
                BodyMedia::Json => "Json",
                BodyMedia::FormUrlEncoded => "Form",
                BodyMedia::Multipart => "Multipart",
                BodyMedia::Text => "Text",
                BodyMedia::Bytes => "Bytes",
            }
            .to_owned(),
            media: body.media,
            ty: body.ty.clone(),
            content_type: body.content_type.clone(),
            form: body.form.clone(),
        }]
    } else {
        body.alternatives.clone()
    }
}

/// `ty` with every type alias replaced by what it stands for: two variants whose types
/// are the same Rust type cannot both have a `From` impl.
fn canonical(api: &Api, ty: &TypeRef, depth: u8) -> TypeRef {
    let inner = |t: &TypeRef| Box::new(canonical(api, t, depth.saturating_sub(1)));
    match ty {
        _ if depth == 0 => ty.clone(),
        TypeRef::Named(name) => match api.types.iter().find(|def| &def.name == name) {
            Some(def) => match &def.kind {
                TypeKind::Alias(aliased) => canonical(api, aliased, depth - 1),
                _ => ty.clone(),
            },
            None => ty.clone(),
        },
        TypeRef::Array(t) => TypeRef::Array(inner(t)),
        TypeRef::Map(t) => TypeRef::Map(inner(t)),
        TypeRef::Boxed(t) => TypeRef::Boxed(inner(t)),
        TypeRef::Nullable(t) => TypeRef::Nullable(inner(t)),
        other => other.clone(),
    }
}

/// One variant of the enum: its declaration, the `From` impl it could have (when it
/// holds one value), and the statement that sends it.
struct Variant {
    decl: TokenStream,
    from: Option<From>,
    arm: TokenStream,
}

/// A `From` impl: the type it takes, a key naming that Rust type (aliases resolved), and
/// the expression that builds the variant from `value`.
struct From {
    ty: TokenStream,
    key: String,
    construct: TokenStream,
}

const UNTYPED_KEY: &str = "runtime::Multipart";

fn variants(api: &Api, enum_name: &Ident, body: &Body, runtime: &syn::Path) -> Vec<Variant> {
    let mut out = Vec::new();
    for alternative in offered(body) {
        let variant = ident(&alternative.variant);
        let media = alternative.content_type.replace('`', "'");
        let one = |ty: TokenStream, key: String, doc: String, send: TokenStream| Variant {
            decl: quote!(#[doc = #doc] #variant(#ty),),
            from: Some(From {
                ty,
                key,
                construct: quote!(#enum_name::#variant(value)),
            }),
            arm: quote!(#enum_name::#variant(value) => { #send }),
        };
        match (&alternative.form, alternative.media) {
            (Some(form), _) => {
                let form_name = format_ident!("{}", form.name);
                out.push(one(
                    quote!(#form_name),
                    form.name.clone(),
                    format!(" Sent as `{media}`, one part per property of the form."),
                    quote!(call.multipart_body(&value.to_multipart())?;),
                ));
                let untyped = format_ident!("{}Untyped", alternative.variant);
                let doc = format!(" Sent as `{media}`, the parts as built.");
                out.push(Variant {
                    decl: quote!(#[doc = #doc] #untyped(#runtime::Multipart),),
                    from: Some(From {
                        ty: quote!(#runtime::Multipart),
                        key: UNTYPED_KEY.to_owned(),
                        construct: quote!(#enum_name::#untyped(value)),
                    }),
                    arm: quote!(#enum_name::#untyped(value) => { call.multipart_body(value)?; }),
                });
            }
            (None, BodyMedia::Bytes) if is_range(&alternative.content_type) => {
                let range = alternative.content_type.as_str();
                let doc = format!(
                    " Sent as `content_type`, which must be one media type within `{media}` \
                     (checked before sending: `Error::InvalidInput` otherwise)."
                );
                out.push(Variant {
                    decl: quote! {
                        #[doc = #doc]
                        #variant {
                            #[doc = " The media type sent, such as `image/png`."]
                            content_type: ::std::string::String,
                            #[doc = " The body."]
                            bytes: ::std::vec::Vec<u8>,
                        },
                    },
                    from: None,
                    arm: quote! {
                        #enum_name::#variant { content_type, bytes } => {
                            call.bytes_body_within(bytes, content_type, #range)?;
                        }
                    },
                });
            }
            (None, media_kind) => {
                let (ty, key) = match media_kind {
                    BodyMedia::Multipart => (quote!(#runtime::Multipart), UNTYPED_KEY.to_owned()),
                    _ => (
                        type_ref(&alternative.ty, Scope::Requests),
                        format!("{:?}", canonical(api, &alternative.ty, 32)),
                    ),
                };
                let send = media_call(media_kind, &alternative.content_type, quote!(value));
                out.push(one(ty, key, format!(" Sent as `{media}`."), send));
            }
        }
    }
    out
}

/// The `call.*` statement that sends `value` (a reference) encoded as `media` under
/// the documented `content_type`. A bytes body under a range is not handled here.
pub(crate) fn media_call(media: BodyMedia, content_type: &str, value: TokenStream) -> TokenStream {
    let essence = essence(content_type);
    match media {
        BodyMedia::Json if essence == "application/json" => quote!(call.json_body(#value)?;),
        BodyMedia::Json => quote!(call.json_body_as(#value, #content_type)?;),
        BodyMedia::FormUrlEncoded => quote!(call.form_body(#value)?;),
        BodyMedia::Multipart => quote!(call.multipart_body(#value)?;),
        // A text range (`text/*`) is sent as plain text, which lies within it.
        BodyMedia::Text if essence == "text/plain" || is_range(content_type) => {
            quote!(call.text_body(#value)?;)
        }
        BodyMedia::Text => quote!(call.text_body_as(#value, #content_type)?;),
        BodyMedia::Bytes if is_range(content_type) => {
            quote!(call.bytes_body_as(#value, #DEFAULT_BYTES_TYPE)?;)
        }
        BodyMedia::Bytes => quote!(call.bytes_body_as(#value, #content_type)?;),
    }
}

/// The media type a single-media bytes body goes out with unless the caller picks one:
/// the spec's, when it names one exact type.
pub(crate) fn default_bytes_type(body: &Body) -> &str {
    if is_range(&body.content_type) {
        DEFAULT_BYTES_TYPE
    } else {
        &body.content_type
    }
}

/// The enum, its `From` impls and its typed forms, for the `requests` module.
pub(crate) fn body_items(
    api: &Api,
    op: &Operation,
    body: &Body,
    runtime: &syn::Path,
) -> TokenStream {
    let enum_name = enum_ident(op);
    let variants = variants(api, &enum_name, body, runtime);
    let decls = variants.iter().map(|v| &v.decl);
    // `From` for the preferred variant's type, and for each other type held by exactly
    // one variant: `.body(value)` takes the preferred type (and a typed or untyped form)
    // as before, the enum picks any other media type.
    let mut froms: Vec<TokenStream> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        let Some(From { ty, key, construct }) = &variant.from else {
            continue;
        };
        let repeated = variants
            .iter()
            .filter(|other| other.from.as_ref().is_some_and(|from| &from.key == key))
            .count()
            > 1;
        if seen.contains(&key.as_str()) || (repeated && index != 0) {
            continue;
        }
        seen.push(key);
        froms.push(quote! {
            impl ::core::convert::From<#ty> for #enum_name {
                #[inline]
                fn from(value: #ty) -> Self {
                    #construct
                }
            }
        });
    }
    let doc = format!(
        " The body of `{}`: one variant per media type the spec documents it in. The \
         request's `body` argument takes this, or (through `From`) the preferred variant's \
         value.",
        op.id
    );
    let forms = offered(body)
        .into_iter()
        .filter_map(|alternative| alternative.form)
        .map(|form| form_item(&form, runtime));
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        pub enum #enum_name {
            #(#decls)*
        }

        #(#froms)*

        #(#forms)*
    }
}

/// The `match` that sends the enum held at `value` (a reference).
pub(crate) fn enum_send(
    api: &Api,
    op: &Operation,
    body: &Body,
    value: TokenStream,
    runtime: &syn::Path,
) -> TokenStream {
    let enum_name = enum_ident(op);
    let arms = variants(api, &enum_name, body, runtime)
        .into_iter()
        .map(|v| v.arm);
    quote! {
        match #value {
            #(#arms)*
        }
    }
}

/// The typed form struct: fields, `new` with the required ones, setters for the others,
/// and `to_multipart`, which encodes it through the runtime.
fn form_item(form: &MultipartForm, runtime: &syn::Path) -> TokenStream {
    let name = format_ident!("{}", form.name);
    let file = quote!(#runtime::FilePart);
    let field_type = |kind: &FormFieldKind| match kind {
        FormFieldKind::File => file.clone(),
        FormFieldKind::Files => quote!(::std::vec::Vec<#file>),
        FormFieldKind::Value(ty) => type_ref(ty, Scope::Requests),
    };
    let mut fields = Vec::new();
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    let mut encode = Vec::new();
    for field in &form.fields {
        let member = ident(&field.rust_name);
        let ty = field_type(&field.kind);
        let wire = field.wire_name.as_str();
        let shown = wire.replace('`', "'");
        let mut docs = DocText::from_docs(&field.docs);
        if docs.is_empty() {
            docs.line(format!("The `{shown}` part."));
        }
        let docs = docs.attrs();
        // Files repeat their part, so an empty list is "none": no `Option` around it.
        let optional = !field.required && field.kind != FormFieldKind::Files;
        if optional {
            fields.push(quote!(#docs pub #member: ::core::option::Option<#ty>,));
        } else {
            fields.push(quote!(#docs pub #member: #ty,));
        }
        // A value is taken as any caller-passed value is (plain strings through `Into`).
        let (arg, into) = match &field.kind {
            FormFieldKind::Value(value) => arg_type(value, Scope::Requests),
            _ => (ty.clone(), false),
        };
        let converted = if into {
            quote!(::core::convert::Into::into(value))
        } else {
            quote!(value)
        };
        if field.required {
            params.push(quote!(#member: #arg));
            inits.push(if into {
                quote!(#member: ::core::convert::Into::into(#member),)
            } else {
                quote!(#member,)
            });
        } else {
            inits.push(quote!(#member: ::core::default::Default::default(),));
            let doc = format!(" Sets the `{shown}` part.");
            let value = if optional {
                quote!(::core::option::Option::Some(#converted))
            } else {
                converted
            };
            setters.push(quote! {
                #[doc = #doc]
                #[inline]
                pub fn #member(mut self, value: #arg) -> Self {
                    self.#member = #value;
                    self
                }
            });
        }
        let content_type = match &field.content_type {
            Some(media) => quote!(::core::option::Option::Some(#media)),
            None => quote!(::core::option::Option::None),
        };
        let add = |value: TokenStream| match field.kind {
            FormFieldKind::File => {
                quote!(form = form.file_part(#wire, ::core::clone::Clone::clone(#value));)
            }
            FormFieldKind::Files => quote! {
                for file in #value {
                    form = form.file_part(#wire, ::core::clone::Clone::clone(file));
                }
            },
            FormFieldKind::Value(_) => quote!(form = form.value(#wire, #value, #content_type);),
        };
        encode.push(if optional {
            let inner = add(quote!(value));
            quote! {
                if let ::core::option::Option::Some(value) = &self.#member {
                    #inner
                }
            }
        } else {
            add(quote!(&self.#member))
        });
    }
    let doc = " A `multipart/form-data` body, one part per property: files as their file \
               part, strings, numbers and booleans as text, objects as JSON, arrays one part \
               per item (unless the spec's `encoding` names a content type).";
    let many = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let mutable = (!form.fields.is_empty()).then(|| quote!(mut));
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = " A form with the required parts and every optional one left out."]
            #many
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }

            #(#setters)*

            #[doc = " The parts, in property order, as the runtime's multipart form (which is"]
            #[doc = " what is sent). A streamed file is shared with the returned form: sending"]
            #[doc = " either takes it."]
            #[inline]
            pub fn to_multipart(&self) -> #runtime::Multipart {
                let #mutable form = #runtime::Multipart::new();
                #(#encode)*
                form
            }
        }
    }
}
