//! `pub mod webhooks`: the event enum of the document's webhooks, its decoding for the
//! runtime's verifier, and the verifier the document's signature settings describe.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{
    Api, DigestEncoding, EventTypeLocation, SecretEncoding, SignatureScheme, Webhook,
    WebhookSignature,
};
use crate::rust::docs::{DocText, deprecated_attr, inline_text};
use crate::rust::type_ref::{Scope, ident, type_ref};

/// `pub mod webhooks` when the document has webhooks; nothing otherwise. `runtime` is the
/// runtime path as seen from a child module of the invocation site.
pub fn webhooks_module(api: &Api, runtime: &syn::Path) -> TokenStream {
    if api.webhooks.is_empty() {
        return TokenStream::new();
    }
    let event = event_enum(api, runtime);
    let signing = api
        .webhook_signature
        .as_ref()
        .map(|signature| signing(signature, runtime))
        .unwrap_or_default();
    let mut docs = DocText::default();
    docs.line(format!(
        "The events `{}` sends to its users' URLs ([`Event`]), from the document's webhooks.",
        inline_text(&api.title)
    ));
    match &api.webhook_signature {
        Some(signature) => {
            docs.line(
                "Verify a request with [`verifier`] (over the raw body, before parsing), then \
                 decode it with `Verified::event::<Event>()`.",
            );
            docs.spec_docs(&signature.docs).notes(&signature.docs);
        }
        None => {
            docs.line(
                "The document does not say how its webhooks are signed: build a verifier \
                 with the runtime's `webhook::Verifier`.",
            );
        }
    }
    let docs = docs.attrs();
    quote! {
        #docs
        #[allow(deprecated)]
        pub mod webhooks {
            #event
            #signing
        }
    }
}

/// `Event`, its names and its `WebhookEvent` implementation.
fn event_enum(api: &Api, runtime: &syn::Path) -> TokenStream {
    let variants = api.webhooks.iter().map(variant);
    let decode_arms = api.webhooks.iter().map(|webhook| {
        let name = &webhook.name;
        let variant = ident(&webhook.rust_name);
        quote! {
            ::core::option::Option::Some(#name) => {
                #runtime::webhook::decode_json(body).map(Event::#variant)
            }
        }
    });
    let name_arms = api.webhooks.iter().map(|webhook| {
        let name = &webhook.name;
        let variant = ident(&webhook.rust_name);
        quote!(Event::#variant(_) => #name,)
    });
    let names = api.webhooks.iter().map(|webhook| &webhook.name);
    let list = api
        .webhooks
        .iter()
        .map(|webhook| format!("- `{}`", inline_text(&webhook.name)))
        .collect();
    let names_docs = DocText::default()
        .line("The event names the document describes, in document order:")
        .lines(list)
        .attrs();
    quote! {
        /// An event, decoded by the name its request carries: one variant per webhook of
        /// the document, and [`Event::Unknown`] for any other name, kept rather than
        /// refused (a sender adds events before its document says so).
        #[derive(Debug, Clone)]
        pub enum Event {
            #(#variants)*
            /// An event the document does not describe, or a request that names none.
            Unknown {
                /// The event name the request carried; empty when it carried none.
                name: ::std::string::String,
                /// The body as JSON.
                payload: ::serde_json::Value,
            },
        }

        impl Event {
            #names_docs
            pub const NAMES: &'static [&'static str] = &[#(#names),*];

            /// The event's name, as its request carried it.
            pub fn name(&self) -> &str {
                match self {
                    #(#name_arms)*
                    Event::Unknown { name, .. } => name,
                }
            }
        }

        impl #runtime::webhook::WebhookEvent for Event {
            fn decode_event(
                event_type: ::core::option::Option<&str>,
                body: &[u8],
            ) -> ::core::result::Result<Self, #runtime::webhook::EventError> {
                match event_type {
                    #(#decode_arms)*
                    other => #runtime::webhook::decode_json(body).map(|payload| Event::Unknown {
                        name: ::std::string::ToString::to_string(other.unwrap_or_default()),
                        payload,
                    }),
                }
            }
        }
    }
}

fn variant(webhook: &Webhook) -> TokenStream {
    let mut docs = DocText::default();
    // The event's name first, unless the summary already is it.
    if webhook.docs.summary.as_deref() != Some(webhook.name.as_str()) {
        docs.line(format!("`{}`.", inline_text(&webhook.name)));
    }
    let docs = docs
        .spec_docs(&webhook.docs)
        .notes(&webhook.docs)
        .line(format!(
            "Generated from `{}`.",
            webhook.origin.replace('`', "'")
        ))
        .attrs();
    let deprecated = deprecated_attr(&webhook.docs);
    let name = ident(&webhook.rust_name);
    let payload = type_ref(&webhook.payload, Scope::Requests);
    quote! {
        #docs
        #deprecated
        #name(#payload),
    }
}

/// `secret`, `scheme`, `event_type`, `verifier` and `verify`, from the signature
/// settings.
fn signing(signature: &WebhookSignature, runtime: &syn::Path) -> TokenStream {
    let (scheme, scheme_docs) = match &signature.scheme {
        SignatureScheme::Header {
            header,
            encoding,
            prefix,
        } => {
            let (encoding, written) = match encoding {
                DigestEncoding::Hex => (quote!(Hex), "hex"),
                DigestEncoding::Base64 => (quote!(Base64), "Base64"),
                DigestEncoding::HexOrBase64 => (quote!(HexOrBase64), "hex or Base64"),
            };
            let with_prefix = (!prefix.is_empty()).then(|| quote!(.with_prefix(#prefix)));
            let docs = format!(
                "The HMAC-SHA256 of the raw body in `{header}`, written {written}{}.",
                if prefix.is_empty() {
                    String::new()
                } else {
                    format!(" after `{}`", prefix.replace('`', "'"))
                }
            );
            (
                quote! {
                    #runtime::webhook::Scheme::header(
                        #runtime::reqwest::header::HeaderName::from_static(#header),
                        #runtime::webhook::SignatureEncoding::#encoding,
                    )
                    #with_prefix
                },
                docs,
            )
        }
        SignatureScheme::StandardWebhooks { tolerance_seconds } => (
            quote! {
                #runtime::webhook::Scheme::standard_webhooks().with_tolerance(
                    ::std::time::Duration::from_secs(#tolerance_seconds),
                )
            },
            format!(
                "Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), \
                 the timestamp within {tolerance_seconds} seconds of now either way."
            ),
        ),
    };
    let (secret, secret_docs) = match signature.secret {
        SecretEncoding::Text => (
            quote!(#runtime::webhook::WebhookSecret::new(text.as_bytes())),
            "The secret's text is the HMAC key, as given.",
        ),
        SecretEncoding::Base64 => (
            quote!(#runtime::webhook::WebhookSecret::standard(text)),
            "The secret is `whsec_` and the Base64 of the key (the prefix may be left out).",
        ),
    };
    let (event_type, event_type_docs) = match &signature.event_type {
        EventTypeLocation::None => (
            quote!(#runtime::webhook::EventTypeSource::None),
            "Requests do not name their event where the document says: every event decodes \
             as [`Event::Unknown`] unless the receiver sets a source."
                .to_owned(),
        ),
        EventTypeLocation::Header(header) => (
            quote! {
                #runtime::webhook::EventTypeSource::Header(
                    #runtime::reqwest::header::HeaderName::from_static(#header),
                )
            },
            format!("Requests name their event in the `{header}` header."),
        ),
        EventTypeLocation::Property(property) => (
            quote! {
                #runtime::webhook::EventTypeSource::Property(
                    ::std::string::ToString::to_string(#property),
                )
            },
            format!(
                "Requests name their event in the body's `{}` property.",
                property.replace('`', "'")
            ),
        ),
        EventTypeLocation::Webhook => (
            quote!(#runtime::webhook::EventTypeSource::None),
            "Each event has its own URL: a receiver names it with \
             `Verifier::event_type(EventTypeSource::Fixed(name))` on that URL's route."
                .to_owned(),
        ),
    };
    // Rustdoc's own lines start with a space; these are written the same way.
    let secret_docs = format!(" {secret_docs}");
    let scheme_docs = format!(" {scheme_docs}");
    let event_type_docs = format!(" {event_type_docs}");
    quote! {
        #[doc = #secret_docs]
        ///
        /// # Errors
        ///
        /// A secret the scheme cannot read (not Base64 where it must be).
        pub fn secret(
            text: &str,
        ) -> ::core::result::Result<#runtime::webhook::WebhookSecret, #runtime::webhook::SecretError> {
            #secret
        }

        #[doc = #scheme_docs]
        pub fn scheme() -> #runtime::webhook::Scheme {
            #scheme
        }

        #[doc = #event_type_docs]
        pub fn event_type() -> #runtime::webhook::EventTypeSource {
            #event_type
        }

        /// A verifier of the document's signature scheme ([`scheme`]) with `secret` (from
        /// [`secret`]), reading the event name from where the document says
        /// ([`event_type`]). Add a second secret with `.secret(..)` while rotating.
        pub fn verifier(secret: #runtime::webhook::WebhookSecret) -> #runtime::webhook::Verifier {
            #runtime::webhook::Verifier::new(scheme(), secret).event_type(event_type())
        }

        /// Verifies a request with [`verifier`] over `body` exactly as received, then
        /// decodes it as the [`Event`] it names; the result keeps the raw body and headers
        /// beside the event. For several secrets (rotation), or to verify many requests,
        /// keep a [`verifier`] instead.
        ///
        /// # Errors
        ///
        /// A missing or bad signature (`kind().is_authentication()`: answer `401`), or a
        /// verified body that is not the named event's payload (answer `400`); the error
        /// keeps the request.
        pub fn verify(
            secret: &#runtime::webhook::WebhookSecret,
            headers: &#runtime::reqwest::header::HeaderMap,
            body: &[u8],
        ) -> ::core::result::Result<
            #runtime::webhook::Event<Event>,
            #runtime::webhook::WebhookError,
        > {
            verifier(::core::clone::Clone::clone(secret))
                .verify(headers, body)?
                .event::<Event>()
        }
    }
}
