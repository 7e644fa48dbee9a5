//! Response typing: what `send()` returns and the `match` over the status that gets it, in
//! each operation's synchronous `decode` function.
//!
//! Successes are the documented `2xx` codes and the `2XX` range, plus `default` when it is
//! the only response (then it also types the errors). Success bodies are decoded as their
//! media type says: JSON as the type, `text/*` as a `String`, anything else as bytes. A
//! success documented in media types of different kinds gets a body enum and is decoded
//! by which documented media type its `Content-Type` names (the runtime's
//! `content_type_index`), another one being `Error::ContentType`.
//! Documented errors with a JSON schema decode through `api_error`; everything else
//! becomes `unexpected` (which keeps the raw body).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::client::streams::{stream_doc, stream_read, stream_type};
use crate::model::{Operation, Response, ResponseMedia, StatusMatch, TypeRef};
use crate::rust::docs::inline_text;
use crate::rust::type_ref::{Scope, type_ref};

/// The success side of an operation.
pub(crate) struct Outcome<'a> {
    op: &'a Operation,
    /// Responses that are a success, in model order.
    successes: Vec<&'a Response>,
    /// The `default` response when it is the only one.
    default_only: Option<&'a Response>,
    /// Whether successes differ in type, so that a `{Type}Response` enum is needed.
    several: bool,
    /// The runtime as seen from `requests` (which names the stream types).
    runtime: syn::Path,
}

impl<'a> Outcome<'a> {
    pub(crate) fn new(op: &'a Operation, runtime: &syn::Path) -> Self {
        let default_only = match op.responses.as_slice() {
            [only] if only.status == StatusMatch::Default => Some(only),
            _ => None,
        };
        let successes: Vec<&Response> = match default_only {
            Some(only) => vec![only],
            None => op
                .responses
                .iter()
                .filter(|r| is_success(r.status))
                .collect(),
        };
        // Each response read by its `Content-Type` has its own body enum, so two of them
        // never share a type.
        let several = successes.windows(2).any(|pair| {
            pair[0].ty != pair[1].ty
                || pair[0].media != pair[1].media
                || pair[0].stream != pair[1].stream
                || !pair[0].alternatives.is_empty()
                || !pair[1].alternatives.is_empty()
        });
        Outcome {
            op,
            successes,
            default_only,
            several,
            runtime: runtime.clone(),
        }
    }

    /// The derives of the enums holding a success: a stream is neither `Clone` nor
    /// `PartialEq`.
    fn enum_derives(&self) -> TokenStream {
        if crate::client::streams::streams(self.op) {
            quote!(#[derive(::core::fmt::Debug)])
        } else {
            quote!(#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)])
        }
    }

    fn enum_name(&self) -> Ident {
        format_ident!("{}Response", self.op.type_name)
    }

    /// The `Ok` type of `send()`, as seen from the `requests` module.
    pub(crate) fn output_type(&self) -> TokenStream {
        if self.several {
            let name = self.enum_name();
            return quote!(#name);
        }
        match self.successes.first() {
            Some(response) => self.body_type(response).unwrap_or_else(|| quote!(())),
            None => quote!(()),
        }
    }

    /// What a successful call gives, as the client's docs name it (`types::Book`,
    /// `requests::GetBookResponse`, `()`).
    pub(crate) fn output_doc(&self) -> String {
        if self.several {
            return format!("requests::{}", self.enum_name());
        }
        match self.successes.first() {
            Some(response) if !response.alternatives.is_empty() => {
                format!("requests::{}", self.body_enum_name(response))
            }
            Some(Response {
                stream: Some(stream),
                ..
            }) => stream_doc(stream, doc_type(&stream.item)),
            Some(response) => response
                .ty
                .as_ref()
                .map_or_else(|| "()".to_owned(), doc_type),
            None => "()".to_owned(),
        }
    }

    /// The type a success body is decoded into: its body enum when it is read by its
    /// `Content-Type`, else its type; `None` without content.
    fn body_type(&self, response: &Response) -> Option<TokenStream> {
        if let (true, Some(stream)) = (response.alternatives.is_empty(), &response.stream) {
            return Some(stream_type(stream, &self.runtime));
        }
        if response.alternatives.is_empty() {
            return response.ty.as_ref().map(|ty| type_ref(ty, Scope::Requests));
        }
        let name = self.body_enum_name(response);
        Some(quote!(#name))
    }

    /// `{Type}Response{Status}Body`: the body enum of a success response read by its
    /// `Content-Type`. It cannot clash with another operation's items, which end in
    /// `Request` or `Response`, nor with another status's.
    fn body_enum_name(&self, response: &Response) -> Ident {
        let status = match response.status {
            StatusMatch::Default => "Default".to_owned(),
            status => status.label(),
        };
        format_ident!("{}Response{}Body", self.op.type_name, status)
    }

    /// The body enums of the success responses read by their `Content-Type`.
    fn body_enums(&self) -> TokenStream {
        let enums = self
            .successes
            .iter()
            .filter(|response| !response.alternatives.is_empty())
            .map(|response| {
                let name = self.body_enum_name(response);
                let doc = format!(
                    " The body of a `{}` response to `{}`, by the media type its \
                     `Content-Type` names (parameters and case ignored, a range such as \
                     `image/*` matching its type, any `+json` type matching JSON); another \
                     media type is `Error::ContentType`, a response without one is read as \
                     the first variant.",
                    response.status.label(),
                    self.op.id
                );
                let variants = response.alternatives.iter().map(|alternative| {
                    let variant = format_ident!("{}", alternative.variant);
                    let how = match (&alternative.stream, alternative.media) {
                        (Some(_), _) => "handed out as it arrives",
                        (None, ResponseMedia::Json) => "decoded from JSON",
                        (None, ResponseMedia::Text) => "the text",
                        _ => "the bytes",
                    };
                    let media = alternative
                        .media_types
                        .iter()
                        .map(|media| format!("`{}`", media.replace('`', "'")))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let doc = format!(" {media}: {how}.");
                    let ty = match &alternative.stream {
                        Some(stream) => stream_type(stream, &self.runtime),
                        None => type_ref(&alternative.ty, Scope::Requests),
                    };
                    quote!(#[doc = #doc] #variant(#ty),)
                });
                let derives = self.enum_derives();
                quote! {
                    #[doc = #doc]
                    #derives
                    pub enum #name {
                        #(#variants)*
                    }
                }
            });
        quote!(#(#enums)*)
    }

    /// The `{Type}Response` enum when successes differ in type.
    /// The body enums of success responses read by their `Content-Type` come with it.
    pub(crate) fn response_enum(&self) -> TokenStream {
        let body_enums = self.body_enums();
        if !self.several {
            return body_enums;
        }
        let name = self.enum_name();
        let doc = format!(" The successful responses of `{}`.", self.op.id);
        let variants = self.successes.iter().map(|response| {
            let variant = crate::rust::status_variant(response.status);
            let label = response.status.label();
            let doc = format!(" `{label}`: {}", inline_text(&response.description));
            let doc = doc.trim_end();
            match self.body_type(response) {
                Some(ty) => quote!(#[doc = #doc] #variant(#ty),),
                None => quote!(#[doc = #doc] #variant,),
            }
        });
        let derives = self.enum_derives();
        quote! {
            #body_enums

            #[doc = #doc]
            #derives
            pub enum #name {
                #(#variants)*
            }
        }
    }

    /// The arms of `match received.status() { ... }`.
    /// The body of the operation's `decode`: for the most common shape (one success
    /// status with a JSON body or none, and one error type for every status from 400 to
    /// 599, nothing else documented) one call of the runtime's decoder for that shape;
    /// otherwise a `match` on the status.
    pub(crate) fn decode_body(&self) -> TokenStream {
        if let Some(call) = self.common_decode() {
            return call;
        }
        let arms = self.match_arms();
        quote! {
            match received.status() {
                #arms
            }
        }
    }

    fn common_decode(&self) -> Option<TokenStream> {
        let ([success], false, None, None) = (
            self.successes.as_slice(),
            self.several,
            self.default_only,
            self.default_response(),
        ) else {
            return None;
        };
        let StatusMatch::Code(code) = success.status else {
            return None;
        };
        let errors = self.errors();
        let groups = group_by_type(&errors);
        let [(Some(error), statuses)] = groups.as_slice() else {
            return None;
        };
        let mut statuses = statuses.clone();
        statuses.sort_by_key(|status| match status {
            StatusMatch::Range(hundreds) => *hundreds,
            _ => 0,
        });
        if statuses != [StatusMatch::Range(4), StatusMatch::Range(5)] {
            return None;
        }
        let code = Literal::u16_unsuffixed(code);
        let error = type_ref(error, Scope::Requests);
        match (&success.ty, success.media, success.alternatives.is_empty()) {
            (Some(ty), ResponseMedia::Json, true) => {
                let ty = type_ref(ty, Scope::Requests);
                Some(quote!(received.json_or_api_error::<#ty, #error>(#code)))
            }
            (None, _, true) | (_, ResponseMedia::Empty, true) => {
                Some(quote!(received.empty_or_api_error::<#error>(#code)))
            }
            _ => None,
        }
    }

    fn match_arms(&self) -> TokenStream {
        let mut codes = Vec::new();
        let mut ranges = Vec::new();
        if let Some(only) = self.default_only {
            let decode = self.decode(only);
            ranges.push(range_arm(2, decode));
            let fallback = error_result(json_type(only));
            return quote!(#(#ranges)* _ => #fallback,);
        }
        if self.several {
            for response in &self.successes {
                let decode = self.decode(response);
                push_arm(&mut codes, &mut ranges, response.status, decode);
            }
        } else {
            // One success type: every success status shares one arm per kind.
            let statuses: Vec<StatusMatch> = self.successes.iter().map(|r| r.status).collect();
            if let Some(first) = self.successes.first() {
                let decode = self.decode(first);
                if let Some(pattern) = code_pattern(&statuses) {
                    codes.push(quote!(#pattern => #decode,));
                }
                if statuses.contains(&StatusMatch::Range(2)) {
                    ranges.push(range_arm(2, decode));
                }
            } else {
                ranges.push(range_arm(2, quote!(received.empty())));
            }
        }
        let errors = self.errors();
        let default = self.default_response();
        // A schema-less error needs its own arm only when a broader arm after it would
        // otherwise decode it with a schema that was not documented for it.
        let typed_default = default.is_some_and(|r| json_type(r).is_some());
        for (ty, statuses) in group_by_type(&errors) {
            let result = error_result(ty);
            let has_broader = |status: &StatusMatch| match status {
                StatusMatch::Code(code) => {
                    typed_default
                        || self.op.responses.iter().any(|r| {
                            r.status == StatusMatch::Range(code / 100) && json_type(r).is_some()
                        })
                }
                _ => typed_default,
            };
            let needed: Vec<StatusMatch> = statuses
                .into_iter()
                .filter(|status| ty.is_some() || has_broader(status))
                .collect();
            if let Some(pattern) = code_pattern(&needed) {
                codes.push(quote!(#pattern => #result,));
            }
            if let Some(pattern) = range_pattern(&needed) {
                ranges.push(quote!(#pattern => #result,));
            }
        }
        let fallback = error_result(default.and_then(json_type));
        quote!(#(#codes)* #(#ranges)* _ => #fallback,)
    }

    /// One doc line saying which error statuses have a typed body, and which type:
    /// "Errors are `Error::Api`; the body is typed for `404` (`body::<types::ErrorBody>()`) and
    /// `default`, any other status (`body::<types::Problem>()`)." `None` when no error body is
    /// typed.
    pub(crate) fn errors_doc(&self) -> Option<String> {
        if self.default_only.is_some() {
            // `default` alone types both sides; its errors read as the success type.
            let ty = self.successes.first().and_then(|r| json_type(r))?;
            return Some(format!(
                "Errors are `Error::Api`; the body is typed for any status but `2XX` \
                 (`body::<{}>()`).",
                doc_type(ty)
            ));
        }
        let mut typed: Vec<String> = group_by_type(&self.errors())
            .into_iter()
            .filter_map(|(ty, statuses)| {
                let statuses: Vec<String> = statuses
                    .into_iter()
                    .map(|status| format!("`{}`", status.label()))
                    .collect();
                Some(format!(
                    "{} (`body::<{}>()`)",
                    statuses.join(", "),
                    doc_type(ty?)
                ))
            })
            .collect();
        if let Some(ty) = self.default_response().and_then(json_type) {
            typed.push(format!(
                "`default`, any other status (`body::<{}>()`)",
                doc_type(ty)
            ));
        }
        let list = match typed.as_slice() {
            [] => return None,
            [only] => only.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join("; ")),
        };
        Some(format!(
            "Errors are `Error::Api`; the body is typed for {list}."
        ))
    }

    /// The documented error responses (explicit codes and ranges), in model order.
    fn errors(&self) -> Vec<&'a Response> {
        self.op
            .responses
            .iter()
            .filter(|r| !is_success(r.status) && r.status != StatusMatch::Default)
            .collect()
    }

    /// The `default` response, if documented.
    fn default_response(&self) -> Option<&'a Response> {
        self.op
            .responses
            .iter()
            .find(|r| r.status == StatusMatch::Default)
    }

    /// The expression that decodes a success response into the output type.
    fn decode(&self, response: &Response) -> TokenStream {
        let value = match (&response.ty, response.media) {
            _ if !response.alternatives.is_empty() => self.decode_by_content_type(response),
            _ if response.stream.is_some() => match &response.stream {
                Some(stream) => stream_read(stream, stream.end.as_deref()),
                None => quote!(received.empty()),
            },
            (Some(ty), ResponseMedia::Json) => {
                let ty = type_ref(ty, Scope::Requests);
                quote!(received.json::<#ty>())
            }
            (Some(_), ResponseMedia::Text) => quote!(received.text()),
            (Some(_), ResponseMedia::Bytes) => quote!(received.bytes()),
            (None, _) | (_, ResponseMedia::Empty) => quote!(received.empty()),
        };
        if !self.several {
            return value;
        }
        let value = if response.alternatives.is_empty() {
            value
        } else {
            quote!((#value))
        };
        let name = self.enum_name();
        let variant = crate::rust::status_variant(response.status);
        match response.ty {
            Some(_) => quote!(#value.map(#name::#variant)),
            None => quote!(#value.map(|()| #name::#variant)),
        }
    }
}

impl Outcome<'_> {
    /// A `match` on which documented media type the `Content-Type` names, each arm
    /// decoding into its variant of the body enum.
    fn decode_by_content_type(&self, response: &Response) -> TokenStream {
        let name = self.body_enum_name(response);
        let mut documented: Vec<&str> = Vec::new();
        let arms = response.alternatives.iter().map(|alternative| {
            let indices = alternative.media_types.iter().map(|media| {
                documented.push(media);
                Literal::usize_unsuffixed(documented.len() - 1)
            });
            let pattern = quote!(::core::option::Option::Some(#(#indices)|*));
            let variant = format_ident!("{}", alternative.variant);
            let read = match alternative.media {
                _ if alternative.stream.is_some() => match &alternative.stream {
                    Some(stream) => stream_read(stream, stream.end.as_deref()),
                    None => quote!(received.empty()),
                },
                ResponseMedia::Json => {
                    let ty = type_ref(&alternative.ty, Scope::Requests);
                    quote!(received.json::<#ty>())
                }
                ResponseMedia::Text => quote!(received.text()),
                _ => quote!(received.bytes()),
            };
            quote!(#pattern => #read.map(#name::#variant),)
        });
        // Collected before `documented` is read: the arms fill it.
        let arms: Vec<TokenStream> = arms.collect();
        quote! {
            match received.content_type_index(&[#(#documented),*]) {
                #(#arms)*
                _ => ::core::result::Result::Err(received.undocumented_content_type()),
            }
        }
    }
}

fn is_success(status: StatusMatch) -> bool {
    match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Range(hundreds) => hundreds == 2,
        StatusMatch::Default => false,
    }
}

/// The JSON body type of a response: the one an error body is decoded as. Other bodies of
/// error responses are kept raw in the error.
fn json_type(response: &Response) -> Option<&TypeRef> {
    match response.media {
        ResponseMedia::Json => response.ty.as_ref(),
        _ => None,
    }
}

fn error_result(ty: Option<&TypeRef>) -> TokenStream {
    match ty {
        Some(ty) => {
            let ty = type_ref(ty, Scope::Requests);
            quote!(received.api_error_result::<#ty, _>())
        }
        None => quote!(received.unexpected_result()),
    }
}

fn push_arm(
    codes: &mut Vec<TokenStream>,
    ranges: &mut Vec<TokenStream>,
    status: StatusMatch,
    body: TokenStream,
) {
    match status {
        StatusMatch::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            codes.push(quote!(#code => #body,));
        }
        StatusMatch::Range(hundreds) => ranges.push(range_arm(hundreds, body)),
        StatusMatch::Default => {}
    }
}

/// `401 | 404` for the explicit codes among `statuses`.
fn code_pattern(statuses: &[StatusMatch]) -> Option<TokenStream> {
    let codes: Vec<u16> = statuses
        .iter()
        .filter_map(|status| match status {
            StatusMatch::Code(code) => Some(*code),
            _ => None,
        })
        .collect();
    if codes.is_empty() {
        return None;
    }
    let codes = codes.into_iter().map(Literal::u16_unsuffixed);
    Some(quote!(#(#codes)|*))
}

fn range_arm(hundreds: u16, body: TokenStream) -> TokenStream {
    let pattern = range_pattern(&[StatusMatch::Range(hundreds)]);
    quote!(#pattern => #body,)
}

/// `400..=599` for the ranges among `statuses` (`4XX` and `5XX`): adjacent ranges
/// become one.
fn range_pattern(statuses: &[StatusMatch]) -> Option<TokenStream> {
    let mut sorted: Vec<u16> = statuses
        .iter()
        .filter_map(|status| match status {
            StatusMatch::Range(hundreds) => Some(*hundreds),
            _ => None,
        })
        .collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_unstable();
    sorted.dedup();
    let mut spans: Vec<(u16, u16)> = Vec::new();
    for hundred in sorted {
        match spans.last_mut() {
            Some((_, last)) if *last + 1 == hundred => *last = hundred,
            _ => spans.push((hundred, hundred)),
        }
    }
    let patterns = spans.into_iter().map(|(first, last)| {
        let low = Literal::u16_unsuffixed(first * 100);
        let high = Literal::u16_unsuffixed(last * 100 + 99);
        quote!(#low..=#high)
    });
    Some(quote!(#(#patterns)|*))
}

/// Error responses grouped by body type, in order of first appearance.
fn group_by_type<'r>(errors: &[&'r Response]) -> Vec<(Option<&'r TypeRef>, Vec<StatusMatch>)> {
    let mut groups: Vec<(Option<&TypeRef>, Vec<StatusMatch>)> = Vec::new();
    for response in errors {
        let ty = json_type(response);
        match groups.iter_mut().find(|(other, _)| *other == ty) {
            Some((_, statuses)) => statuses.push(response.status),
            None => groups.push((ty, vec![response.status])),
        }
    }
    groups
}

/// A type as the docs show it: generated types in their module (`types::Error`, never
/// mistaken for the runtime's `Error`), standard types without their path
/// (`Vec<types::ErrorBody>`, `serde_json::Value`).
fn doc_type(ty: &TypeRef) -> String {
    let text: String = type_ref(ty, Scope::Root)
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    [
        "::std::vec::",
        "::std::string::",
        "::std::collections::",
        "::core::option::",
    ]
    .iter()
    .fold(text, |text, prefix| text.replace(prefix, ""))
    .replace("::serde_json::", "serde_json::")
    .replace("self::types::", "types::")
}
