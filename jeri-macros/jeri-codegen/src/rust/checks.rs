//! Validation as straight-line code, for both sides: a server checks every request it
//! receives, a client checks a request body before sending it. Each [`Check`] becomes a
//! block that looks at a `&serde_json::Value` named `v` and records what is wrong in a
//! `&mut Problems` named `p`; component schemas become functions of a `checks` module, so
//! references (also recursive ones) are calls.
//!
//! A client checks less than a server. It checks the limits a value of the right Rust
//! type can still break (bounds, lengths, item and property counts, `uniqueItems`,
//! `enum`s, which an open enum's unknown value breaks), and only in the parts of a body
//! that have one; what the Rust type already ensures (the JSON type, `required`
//! properties, a closed object) is not checked again. `pattern` and `format` are left to
//! the server, as they are for parameters (a spec's pattern stricter than its server must
//! not stop a request the server takes), and so `oneOf` asks only that at least one
//! alternative passes, since alternatives told apart by a pattern or a format would
//! otherwise all pass and refuse the value.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{
    Additional, Api, ArrayRule, Bound, Check, Format, IntegerRule, NumberRule, ObjectRule, Rule,
    Rules, StringRule,
};
use crate::rust::naming::{NameSet, snake_ident};

/// Which generated code the checks are for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Every rule, through the server runtime.
    Server,
    /// Limits only, `oneOf` as `anyOf`, through the client runtime's `validation`
    /// module.
    Client,
}

/// How generated checks reach the runtime's checks and the component functions.
pub(crate) struct Checker<'a> {
    /// Where `check`, `Problems`, `ProblemKind`, `Expected` and `serde_json` are.
    rt: TokenStream,
    side: Side,
    rules: &'a Rules,
    /// Per component, whether it has a limit a client checks (all true on the server).
    limited: Vec<bool>,
    /// The function name of each component check, parallel to `rules.components`.
    names: Vec<Ident>,
    /// How the code using the checks reaches the `checks` module (`checks::` from the
    /// server module, nothing from inside it).
    prefix: TokenStream,
}

impl<'a> Checker<'a> {
    /// The checks of a generated server, reaching the server runtime at `runtime`.
    pub(crate) fn server(rules: &'a Rules, runtime: &syn::Path) -> Self {
        Checker::new(rules, quote!(#runtime), Side::Server)
    }

    /// The checks of a generated client, reaching the client runtime at `runtime`.
    pub(crate) fn client(rules: &'a Rules, runtime: &syn::Path) -> Self {
        Checker::new(rules, quote!(#runtime::validation), Side::Client)
    }

    fn new(rules: &'a Rules, rt: TokenStream, side: Side) -> Self {
        let mut taken = NameSet::new();
        let names = rules
            .components
            .iter()
            .map(|component| format_ident!("{}", taken.claim(&snake_ident(&component.key))))
            .map(|name| {
                // Raw identifiers cannot be used in `format_ident!`; keywords get a suffix.
                let text = name.to_string();
                match text.strip_prefix("r#") {
                    Some(bare) => format_ident!("{}_schema", bare),
                    None => name,
                }
            })
            .collect();
        let limited = match side {
            Side::Server => vec![true; rules.components.len()],
            Side::Client => rules.limited_components(),
        };
        Checker {
            rt,
            side,
            rules,
            limited,
            names,
            prefix: quote!(checks::),
        }
    }

    /// `mod checks`: one function per component schema.
    pub(crate) fn module(&self, api: &Api) -> TokenStream {
        self.module_of(api, &vec![true; self.rules.components.len()])
    }

    /// `mod checks` with the functions of the component schemas `roots` reach (and
    /// nothing when they reach none).
    pub(crate) fn module_reached_from(&self, api: &Api, roots: &[&Check]) -> TokenStream {
        let mut emit = self.rules.reached_from(roots);
        for (emit, limited) in emit.iter_mut().zip(&self.limited) {
            *emit &= *limited;
        }
        if !emit.contains(&true) {
            return TokenStream::new();
        }
        self.module_of(api, &emit)
    }

    fn module_of(&self, api: &Api, emit: &[bool]) -> TokenStream {
        let inner = Checker {
            rt: self.rt.clone(),
            side: self.side,
            rules: self.rules,
            limited: self.limited.clone(),
            names: self.names.clone(),
            prefix: TokenStream::new(),
        };
        let rt = &self.rt;
        let functions = self
            .rules
            .components
            .iter()
            .zip(&self.names)
            .zip(emit)
            .filter(|(_, emit)| **emit)
            .map(|((component, name), _)| {
                let doc = format!(" `components.schemas.{}`.", component.key);
                let body = inner.check(&component.check);
                quote! {
                    #[doc = #doc]
                    pub(super) fn #name(
                        v: &#rt::serde_json::Value,
                        p: &mut #rt::Problems,
                    ) {
                        #body
                    }
                }
            });
        let title = format!(" The checks of the component schemas of {}.", api.title);
        quote! {
            #[doc = #title]
            #[allow(dead_code, unused_variables)]
            mod checks {
                #(#functions)*
            }
        }
    }

    /// The code that checks the value `v` against `check` (nothing, on a client, for a
    /// check without limits).
    pub(crate) fn check(&self, check: &Check) -> TokenStream {
        if self.side == Side::Client && !self.rules.has_limits(check, &self.limited) {
            return TokenStream::new();
        }
        self.whole(check)
    }

    /// The code that checks `v` against `check`, also on a client when it has no limits
    /// of its own: an alternative's type tells it from the others.
    fn whole(&self, check: &Check) -> TokenStream {
        let body = self.rule(&check.rule);
        if check.nullable && !body.is_empty() {
            quote!(if !v.is_null() { #body })
        } else {
            body
        }
    }

    fn problem(&self, kind: TokenStream) -> TokenStream {
        let rt = &self.rt;
        quote!(p.add(#rt::ProblemKind::#kind);)
    }

    fn wrong_type(&self, expected: &str) -> TokenStream {
        let rt = &self.rt;
        let expected = format_ident!("{}", expected);
        self.problem(quote!(Type(#rt::Expected::#expected)))
    }

    fn rule(&self, rule: &Rule) -> TokenStream {
        let rt = &self.rt;
        match rule {
            Rule::Any => TokenStream::new(),
            Rule::Component(index) => match self.names.get(*index) {
                Some(name) if self.limited[*index] => {
                    let prefix = &self.prefix;
                    quote!(#prefix #name(v, p);)
                }
                _ => TokenStream::new(),
            },
            Rule::String(rule) => self.string(rule),
            Rule::Integer(rule) => self.integer(rule),
            Rule::Number(rule) => self.number(rule),
            Rule::Boolean => {
                let wrong = self.wrong_type("Boolean");
                quote!(if !v.is_boolean() { #wrong })
            }
            Rule::Values(values) => {
                quote!(#rt::check::one_of_values(v, &[#(#values),*], p);)
            }
            Rule::Array(rule) => self.array(rule),
            Rule::Object(rule) => self.object(rule),
            Rule::AllOf(parts) => {
                let parts = parts.iter().map(|part| self.check(part));
                quote!(#(#parts)*)
            }
            Rule::OneOf(alternatives) if self.side == Side::Server => {
                self.alternatives(alternatives, quote!(one_of))
            }
            Rule::OneOf(alternatives) => self.alternatives(alternatives, quote!(any_of)),
            Rule::AnyOf(alternatives) => self.alternatives(alternatives, quote!(any_of)),
        }
    }

    fn string(&self, rule: &StringRule) -> TokenStream {
        let rt = &self.rt;
        let length = (rule.min_length.is_some() || rule.max_length.is_some()).then(|| {
            let min = option_u64(rule.min_length);
            let max = option_u64(rule.max_length);
            quote!(#rt::check::length(s, #min, #max, p);)
        });
        let server = self.side == Side::Server;
        let pattern = rule.pattern.as_ref().filter(|_| server).map(|pattern| {
            let pattern = crate::model::rust_pattern(pattern);
            let pattern = pattern.as_ref();
            quote! {
                static PATTERN: #rt::check::Pattern = #rt::check::Pattern::new(#pattern);
                PATTERN.check(s, p);
            }
        });
        let format = rule.format.filter(|_| server).map(|format| {
            let function = format_ident!("{}", format_function(format));
            let name = format.as_str();
            let problem = self.problem(quote!(Format(#name)));
            quote!(if !#rt::format::#function(s) { #problem })
        });
        let values = rule
            .values
            .as_ref()
            .map(|values| quote!(#rt::check::one_of_strings(s, &[#(#values),*], p);));
        let wrong = self.wrong_type("String");
        if length.is_none() && pattern.is_none() && format.is_none() && values.is_none() {
            return quote!(if !v.is_string() { #wrong });
        }
        quote! {
            match v.as_str() {
                ::core::option::Option::Some(s) => { #length #pattern #format #values }
                ::core::option::Option::None => { #wrong }
            }
        }
    }

    fn integer(&self, rule: &IntegerRule) -> TokenStream {
        let multiple = rule
            .multiple_of
            .map(|factor| (factor.to_string(), Literal::i128_unsuffixed(factor)));
        self.numeric(
            quote!(integer),
            bounds(&rule.minimum, Literal::i128_unsuffixed),
            bounds(&rule.maximum, Literal::i128_unsuffixed),
            multiple,
            rule.values.as_deref(),
        )
    }

    fn number(&self, rule: &NumberRule) -> TokenStream {
        let finite = |bound: &Option<Bound<f64>>| bound.clone().filter(|b| b.value.is_finite());
        let multiple = rule
            .multiple_of
            .filter(|factor| factor.is_finite())
            .map(|factor| (factor.to_string(), Literal::f64_unsuffixed(factor)));
        self.numeric(
            quote!(number),
            bounds(&finite(&rule.minimum), Literal::f64_unsuffixed),
            bounds(&finite(&rule.maximum), Literal::f64_unsuffixed),
            multiple,
            rule.values.as_deref(),
        )
    }

    /// An integer or a number: read with `check::{kind}`, then its bounds, `multipleOf`
    /// (`check::{kind}_multiple_of`) and `enum`.
    fn numeric(
        &self,
        kind: TokenStream,
        minimum: Option<(Literal, &str, bool)>,
        maximum: Option<(Literal, &str, bool)>,
        multiple: Option<(String, Literal)>,
        values: Option<&[String]>,
    ) -> TokenStream {
        let rt = &self.rt;
        let minimum = minimum.map(|(value, text, exclusive)| {
            quote!(#rt::check::minimum(n, #value, #text, #exclusive, p);)
        });
        let maximum = maximum.map(|(value, text, exclusive)| {
            quote!(#rt::check::maximum(n, #value, #text, #exclusive, p);)
        });
        let multiple_of = format_ident!("{}_multiple_of", kind.to_string());
        let multiple =
            multiple.map(|(text, factor)| quote!(#rt::check::#multiple_of(n, #factor, #text, p);));
        let values = values.map(|values| quote!(#rt::check::one_of_values(v, &[#(#values),*], p);));
        quote! {
            if let ::core::option::Option::Some(n) = #rt::check::#kind(v, p) {
                #minimum #maximum #multiple #values
            }
        }
    }

    fn array(&self, rule: &ArrayRule) -> TokenStream {
        let rt = &self.rt;
        let sizes =
            (rule.min_items.is_some() || rule.max_items.is_some() || rule.unique).then(|| {
                let min = option_u64(rule.min_items);
                let max = option_u64(rule.max_items);
                let unique = rule.unique;
                quote!(#rt::check::items(items, #min, #max, #unique, p);)
            });
        let each = rule
            .items
            .as_ref()
            .map(|item| self.check(item))
            .filter(|body| !body.is_empty())
            .map(|body| {
                quote! {
                    for (i, v) in items.iter().enumerate() {
                        p.index(i);
                        #body
                        p.leave();
                    }
                }
            });
        let wrong = self.wrong_type("Array");
        quote! {
            match v.as_array() {
                ::core::option::Option::Some(items) => { #sizes #each }
                ::core::option::Option::None => { #wrong }
            }
        }
    }

    fn object(&self, rule: &ObjectRule) -> TokenStream {
        let rt = &self.rt;
        let server = self.side == Side::Server;
        let required = rule.required.iter().filter(|_| server).map(|name| {
            let missing = self.problem(quote!(Missing));
            quote! {
                if !o.contains_key(#name) {
                    p.key(#name);
                    #missing
                    p.leave();
                }
            }
        });
        let counts = (rule.min_properties.is_some() || rule.max_properties.is_some()).then(|| {
            let min = option_u64(rule.min_properties);
            let max = option_u64(rule.max_properties);
            quote!(#rt::check::properties(o, #min, #max, p);)
        });
        let properties = rule.properties.iter().filter_map(|(name, check)| {
            let body = self.check(check);
            (!body.is_empty()).then(|| {
                quote! {
                    if let ::core::option::Option::Some(v) = o.get(#name) {
                        p.key(#name);
                        #body
                        p.leave();
                    }
                }
            })
        });
        let names: Vec<&String> = rule.properties.iter().map(|(name, _)| name).collect();
        let listed = if names.is_empty() {
            quote!(false)
        } else {
            quote!(::core::matches!(key.as_str(), #(#names)|*))
        };
        let others = match &rule.additional {
            Additional::Any => TokenStream::new(),
            Additional::Closed if !server => TokenStream::new(),
            Additional::Closed => {
                quote! {
                    for key in o.keys() {
                        if !#listed {
                            p.add_at_key(key, #rt::ProblemKind::NotAllowed);
                        }
                    }
                }
            }
            Additional::Schema(check) => {
                let body = self.check(check);
                if body.is_empty() {
                    TokenStream::new()
                } else {
                    quote! {
                        for (key, v) in o {
                            if !#listed {
                                p.name(key);
                                #body
                                p.leave();
                            }
                        }
                    }
                }
            }
        };
        let wrong = self.wrong_type("Object");
        quote! {
            match v.as_object() {
                ::core::option::Option::Some(o) => { #(#required)* #counts #(#properties)* #others }
                ::core::option::Option::None => { #wrong }
            }
        }
    }

    fn alternatives(&self, alternatives: &[(String, Check)], settle: TokenStream) -> TokenStream {
        let rt = &self.rt;
        let names = alternatives.iter().map(|(name, _)| name);
        let trials = alternatives.iter().map(|(_, check)| {
            let body = self.whole(check);
            quote! {
                {
                    let mut trial = p.trial();
                    {
                        let p = &mut trial;
                        #body
                    }
                    trials.push(trial);
                }
            }
        });
        let count = alternatives.len();
        quote! {
            {
                let mut trials = ::std::vec::Vec::with_capacity(#count);
                #(#trials)*
                #rt::check::#settle(trials, &[#(#names),*], p);
            }
        }
    }

    /// How the text of a parameter with this check becomes a value before the check.
    pub(crate) fn scalar(&self, check: &Check) -> TokenStream {
        let rt = &self.rt;
        let kind = match self.rules.leaf(&check.rule) {
            Some(Rule::String(_)) => quote!(String),
            Some(Rule::Integer(_)) => quote!(Integer),
            Some(Rule::Number(_)) => quote!(Number),
            Some(Rule::Boolean) => quote!(Boolean),
            _ => quote!(Any),
        };
        quote!(#rt::Scalar::#kind)
    }

    /// The check of an array parameter's items.
    pub(crate) fn items<'c>(&'c self, check: &'c Check) -> Option<&'c Check> {
        match self.rules.leaf(&check.rule) {
            Some(Rule::Array(rule)) => rule.items.as_deref(),
            _ => None,
        }
    }

    /// The properties of a multipart body's schema as the runtime reads its text parts:
    /// name, how the text becomes a value, and whether the property is an array (one part
    /// per item). Empty when the schema is not an object.
    pub(crate) fn form_fields(&self, check: &Check) -> Vec<(String, TokenStream, bool)> {
        let Some(Rule::Object(rule)) = self.rules.leaf(&check.rule) else {
            return Vec::new();
        };
        rule.properties
            .iter()
            .map(|(name, property)| match self.items(property) {
                Some(items) => (name.clone(), self.scalar(items), true),
                None => (name.clone(), self.scalar(property), false),
            })
            .collect()
    }
}

/// A bound as the literal, the text for messages, and whether it is exclusive.
fn bounds<T: Copy>(
    bound: &Option<Bound<T>>,
    literal: impl Fn(T) -> Literal,
) -> Option<(Literal, &str, bool)> {
    bound
        .as_ref()
        .map(|bound| (literal(bound.value), bound.text.as_str(), bound.exclusive))
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => {
            let n = Literal::u64_unsuffixed(n);
            quote!(::core::option::Option::Some(#n))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// The server runtime's `format` function of `format`: its spec name as a Rust name.
fn format_function(format: Format) -> String {
    format.as_str().replace('-', "_")
}
