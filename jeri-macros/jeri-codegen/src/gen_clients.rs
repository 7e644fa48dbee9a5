//! `Client`, the scoped clients and `SERVERS`: the entry points at the invocation site.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::gen_docs::{DocText, deprecated_attr, inline_text};
use crate::gen_operations::{Arg, allow_deprecated_types, method_name, required_args};
use crate::gen_type_ref::{Scope, ident, unraw};
use crate::model::{Api, Docs, Operation};
use crate::settings::Settings;

/// `pub const SERVERS`: the spec's server URLs.
pub(crate) fn servers_const(api: &Api) -> TokenStream {
    let list = api
        .servers
        .iter()
        .map(|server| {
            let url = server.url.replace('`', "'");
            match server.description.as_deref().map(inline_text) {
                Some(description) if !description.is_empty() => {
                    format!("- `{url}`: {description}")
                }
                _ => format!("- `{url}`"),
            }
        })
        .collect();
    let docs = DocText::default()
        .line("Server URLs from the spec, in document order.")
        .lines(list)
        .attrs();
    let urls = api.servers.iter().map(|server| &server.url);
    quote! {
        #docs
        pub const SERVERS: &[&str] = &[#(#urls),*];
    }
}

/// `Client` with every operation, then one struct per configured scope.
pub(crate) fn clients(api: &Api, settings: &Settings) -> TokenStream {
    let runtime = &settings.runtime;
    let all: Vec<&Operation> = api.operations.iter().collect();
    let client = client_struct(
        api,
        &format_ident!("Client"),
        quote!(#[doc = " The client: one method per operation."]),
        &all,
        runtime,
    );
    let scoped = settings.scopes.iter().map(|scope| {
        let accepted: Vec<&Operation> = api
            .operations
            .iter()
            .filter(|op| {
                op.security
                    .iter()
                    .any(|alternative| alternative.len() == 1 && alternative[0] == scope.scheme)
            })
            .collect();
        let scheme = scope.scheme.replace('`', "'");
        let doc = if accepted.is_empty() {
            format!(" No operation accepts `{scheme}` alone, so this client has no methods.")
        } else {
            format!(
                " A client holding a `{scheme}` credential: the operations that accept it alone."
            )
        };
        client_struct(
            api,
            &ident(&scope.client_name),
            quote!(#[doc = #doc]),
            &accepted,
            runtime,
        )
    });
    quote! {
        #client
        #(#scoped)*
    }
}

fn client_struct(
    api: &Api,
    name: &Ident,
    doc: TokenStream,
    operations: &[&Operation],
    runtime: &syn::Path,
) -> TokenStream {
    let allow = allow_deprecated_types(api);
    let methods = operations.iter().map(|op| client_method(op, runtime));
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug)]
        pub struct #name {
            transport: #runtime::Transport,
        }

        #allow
        impl #name {
            #[doc = " Wraps a configured transport."]
            pub fn from_transport(transport: #runtime::Transport) -> Self {
                Self { transport }
            }

            #[doc = " The transport this client sends through."]
            pub fn transport(&self) -> &#runtime::Transport {
                &self.transport
            }

            #(#methods)*
        }
    }
}

/// The method name; one that would clash with the client's own methods gets a suffix.
fn method_ident(op: &Operation) -> Ident {
    match unraw(&op.fn_name) {
        name @ ("from_transport" | "transport") => format_ident!("{}_operation", name),
        _ => ident(&op.fn_name),
    }
}

fn client_method(op: &Operation, runtime: &syn::Path) -> TokenStream {
    let mut docs = DocText::default();
    docs.spec_docs(&op.docs);
    docs.line(format!(
        "`{} {}`",
        method_name(op.method),
        op.path.replace('`', "'")
    ));
    let arg_docs: Vec<String> = op
        .params
        .iter()
        .filter(|param| param.required)
        .map(|param| (unraw(&param.rust_name).to_string(), &param.docs))
        .chain(
            op.body
                .iter()
                .filter(|body| body.required)
                .map(|body| ("body".to_string(), &body.docs)),
        )
        .filter_map(|(name, docs)| arg_doc(&name, docs))
        .collect();
    let docs = docs.lines(arg_docs).assumptions(&op.docs).attrs();
    let deprecated = deprecated_attr(&op.docs);
    let method = method_ident(op);
    let request = format_ident!("{}Request", op.type_name);
    let args = required_args(op, Scope::Root, runtime);
    let decls = args.iter().map(|Arg { name, ty, .. }| quote!(#name: #ty));
    let names = args.iter().map(|arg| &arg.name);
    let many_args = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #docs
        #deprecated
        #many_args
        pub fn #method(&self, #(#decls),*) -> self::requests::#request {
            self::requests::#request::new(
                ::core::clone::Clone::clone(&self.transport),
                #(#names),*
            )
        }
    }
}

fn arg_doc(name: &str, docs: &Docs) -> Option<String> {
    let text = docs.description.as_deref().or(docs.summary.as_deref())?;
    let text = inline_text(text);
    (!text.is_empty()).then(|| format!("- `{name}`: {text}"))
}
