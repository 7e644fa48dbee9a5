//! Paged list operations in the client: `pages()` and `items()` on the request, and the
//! client's `…_stream` method, for operations whose pagination the document or the
//! `pagination(...)` setting describes.
//!
//! Generated only where every part of the rule is found: one JSON success whose type has
//! the named properties (the items an array), and the cursor, offset or page parameter
//! an optional query parameter of a fitting type (text for a cursor, an integer for an
//! offset or page). How a page's property is wrapped (`Option`, `Nullable`) is left to
//! the runtime's `PageItems`, `PageCursor` and `PageFlag`, so the code here stays thin.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::client::encode::param_ident;
use crate::client::requests::is_prepared;
use crate::model::{
    Api, Field, NextRule, Operation, Pagination, Param, ParamLocation, ResponseMedia, StatusMatch,
    TypeKind, TypeRef,
};
use crate::rust::type_ref::{Scope, ident, type_ref};

/// What the generated paging code of one operation is made of.
pub(crate) struct Paging<'a> {
    pagination: &'a Pagination,
    /// The success body's type.
    page: &'a TypeRef,
    /// One item's type.
    item: TypeRef,
    /// The page's property holding the items; `None`: the page is the list.
    items: Option<Ident>,
    /// The body of the function finding the next page.
    next: TokenStream,
}

/// The paging of `op`, when it pages and every part of its rule is found.
pub(crate) fn paging<'a>(api: &Api, op: &'a Operation, runtime: &syn::Path) -> Option<Paging<'a>> {
    let pagination = op.pagination.as_ref()?;
    if is_prepared(op) {
        return None;
    }
    let page = single_json_success(op)?;
    let (items, item) = match &pagination.items {
        Some(property) => {
            let field = struct_field(api, page, property)?;
            (
                Some(ident(&field.rust_name)),
                array_item(&field.ty)?.clone(),
            )
        }
        None => (None, array_item(page)?.clone()),
    };
    let listed = match &items {
        Some(items) => quote!(&page.value().#items),
        None => quote!(page.value()),
    };
    let next = match &pagination.next {
        NextRule::Cursor { param, property } => {
            let param = query_param(op, param, |ty| *ty == TypeRef::String)?;
            let cursor = ident(&struct_field(api, page, property)?.rust_name);
            next_request(
                param,
                quote!(#runtime::PageCursor::cursor(&page.value().#cursor)),
                runtime,
            )
        }
        NextRule::LastItem {
            param,
            has_more,
            field,
        } => {
            let param = query_param(op, param, |ty| *ty == TypeRef::String)?;
            let has_more = ident(&struct_field(api, page, has_more)?.rust_name);
            let field = ident(&struct_field(api, &item, field)?.rust_name);
            let request = next_request(
                param,
                quote! {
                    #runtime::PageItems::items(#listed)
                        .last()
                        .and_then(|item| #runtime::PageCursor::cursor(&item.#field))
                },
                runtime,
            );
            quote! {
                if !#runtime::PageFlag::is_set(&page.value().#has_more) {
                    return #runtime::NextPage::Last;
                }
                #request
            }
        }
        NextRule::Offset { param, per_item } => {
            let param = query_param(op, param, |ty| matches!(ty, TypeRef::Integer(_)))?;
            let field = param_ident(param);
            let ty = type_ref(&param.ty, Scope::Requests);
            let (start, step) = if *per_item {
                (quote!(0), quote!(count as #ty))
            } else {
                (quote!(1), quote!(1))
            };
            quote! {
                let count = #runtime::PageItems::items(#listed).len();
                if count == 0 {
                    return #runtime::NextPage::Last;
                }
                let next = request.#field.unwrap_or(#start) + #step;
                #runtime::NextPage::Request(::core::clone::Clone::clone(request).#field(next))
            }
        }
        NextRule::NextUrl { property } => {
            let url = ident(&struct_field(api, page, property)?.rust_name);
            next_url(
                quote!(#runtime::PageCursor::cursor(&page.value().#url)),
                runtime,
            )
        }
        NextRule::LinkHeader => next_url(quote!(#runtime::link_next(page.headers())), runtime),
    };
    Some(Paging {
        pagination,
        page,
        item,
        items,
        next,
    })
}

/// The next request: this one with the cursor `param` set to `cursor` (an
/// `Option<String>`), unless there is none or it is the one just sent (a server
/// repeating its cursor would otherwise be asked forever).
fn next_request(param: &Param, cursor: TokenStream, runtime: &syn::Path) -> TokenStream {
    let field = param_ident(param);
    quote! {
        match #cursor {
            ::core::option::Option::Some(cursor)
                if request.#field.as_deref() != ::core::option::Option::Some(cursor.as_str()) =>
            {
                #runtime::NextPage::Request(::core::clone::Clone::clone(request).#field(cursor))
            }
            _ => #runtime::NextPage::Last,
        }
    }
}

/// The next page at the URL `url` (an `Option<String>`) names.
fn next_url(url: TokenStream, runtime: &syn::Path) -> TokenStream {
    quote! {
        match #url {
            ::core::option::Option::Some(url) => #runtime::NextPage::Url(url),
            ::core::option::Option::None => #runtime::NextPage::Last,
        }
    }
}

impl Paging<'_> {
    /// `pages()` and `items()` on the request `name`.
    pub(crate) fn request_methods(
        &self,
        op: &Operation,
        name: &Ident,
        runtime: &syn::Path,
    ) -> TokenStream {
        let page = type_ref(self.page, Scope::Requests);
        let item = type_ref(&self.item, Scope::Requests);
        let next = &self.next;
        let items = match &self.items {
            Some(items) => quote!(#runtime::PageItems::into_items(page.#items)),
            None => quote!(page),
        };
        let pages_doc = format!(
            " The pages of `{}`, starting with this request's, until the last ({}): each \
             page's request goes through the transport's usual sending (retries, \
             timeouts, hooks). A failed page is one `Err` item, then the end.",
            op.id, self.pagination.source
        );
        quote! {
            impl #name {
                #[doc = #pages_doc]
                pub fn pages(self) -> #runtime::Pages<Self> {
                    #runtime::Pages::new(
                        self,
                        |request: &Self, page: &#runtime::ResponseValue<#page>| -> #runtime::NextPage<Self> {
                            #next
                        },
                    )
                }

                #[doc = " The items of every page, in order (see [`pages`](Self::pages))."]
                pub fn items(self) -> #runtime::Items<Self, #item> {
                    #runtime::Items::new(self.pages(), |page: #page| -> ::std::vec::Vec<#item> {
                        #items
                    })
                }
            }
        }
    }

    /// The item type, as the client (outside `requests`) names it.
    pub(crate) fn item_type(&self) -> TokenStream {
        type_ref(&self.item, Scope::Root)
    }
}

/// `{method}_stream`: the name of the client method that streams the items.
pub(crate) fn stream_method(method: &Ident) -> Ident {
    format_ident!(
        "{}_stream",
        crate::rust::type_ref::unraw(&method.to_string())
    )
}

/// The one success response's JSON type.
fn single_json_success(op: &Operation) -> Option<&TypeRef> {
    let mut successes = op.responses.iter().filter(|response| {
        matches!(
            response.status,
            StatusMatch::Code(200..=299) | StatusMatch::Range(2)
        )
    });
    let success = successes.next()?;
    let plain = success.media == ResponseMedia::Json
        && success.alternatives.is_empty()
        && success.stream.is_none();
    (plain && successes.next().is_none())
        .then_some(success.ty.as_ref())
        .flatten()
}

/// The optional query parameter `wire_name` of `op`, when its type `fits`.
fn query_param<'o>(
    op: &'o Operation,
    wire_name: &str,
    fits: impl Fn(&TypeRef) -> bool,
) -> Option<&'o Param> {
    op.params.iter().find(|param| {
        param.location == ParamLocation::Query
            && param.wire_name == wire_name
            && !param.required
            && fits(&param.ty)
    })
}

/// The field for property `wire_name` of the struct `ty` names (through aliases).
fn struct_field<'a>(api: &'a Api, ty: &TypeRef, wire_name: &str) -> Option<&'a Field> {
    let TypeRef::Named(name) = strip(ty) else {
        return None;
    };
    let def = api.types.iter().find(|def| def.name == *name)?;
    match &def.kind {
        TypeKind::Struct { fields, .. } => fields
            .iter()
            .find(|field| field.wire_name == wire_name && !field.flatten),
        TypeKind::Alias(aliased) => struct_field(api, aliased, wire_name),
        _ => None,
    }
}

/// The item type of an array type (through `Nullable` and `Box`).
fn array_item(ty: &TypeRef) -> Option<&TypeRef> {
    match strip(ty) {
        TypeRef::Array(item) => Some(item),
        _ => None,
    }
}

fn strip(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => strip(inner),
        ty => ty,
    }
}
