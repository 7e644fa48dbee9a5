//! The macro's input: `"spec.yaml"` followed by optional settings.
//!
//! ```text
//! generate!("path/to/spec.yaml" [, setting]* [,])
//! ```
//!
//! Settings:
//! - `runtime = some::path`: the module the generated code calls for HTTP plumbing
//!   (`Transport`, `Call`, `Response`, `Error`, …). Default: `::jeri_runtime`.
//! - `types_only`: generate only the `types` module (no `requests` module, no clients);
//!   the generated code then needs only `serde` and `serde_json`.
//! - `scope(Name = "schemeName", ...)`: for each pair, an extra client type `Name` with
//!   only the operations that can be called with the security scheme `schemeName` alone,
//!   e.g. `scope(CustomerClient = "customerToken")`.
//! - `skip("operationId", "/path", ...)`: operations left out of the generated code, each
//!   named by its `operationId` or by its path (every operation under it), for a spec you
//!   do not own with an operation that cannot be generated. A name that matches nothing is
//!   an error, so the list cannot go stale silently.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Path, Token};

/// How to generate.
#[derive(Clone)]
pub struct Settings {
    /// The runtime module the generated code calls; default `::jeri_runtime`.
    pub runtime: Path,
    /// Generate only the `types` module.
    pub types_only: bool,
    /// Extra clients restricted to one security scheme each.
    pub scopes: Vec<Scope>,
    /// Operations to leave out, by `operationId` or path.
    pub skip: Vec<String>,
}

/// An extra client that holds only the operations callable with one security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The client type's name, e.g. `CustomerClient`.
    pub client_name: String,
    /// The security scheme's key in `components.securitySchemes`, e.g. `customerToken`.
    pub scheme: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            runtime: syn::parse_quote!(::jeri_runtime),
            types_only: false,
            scopes: Vec::new(),
            skip: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let runtime = &self.runtime;
        f.debug_struct("Settings")
            .field("runtime", &quote::quote!(#runtime).to_string())
            .field("types_only", &self.types_only)
            .field("scopes", &self.scopes)
            .field("skip", &self.skip)
            .finish()
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.runtime, &other.runtime);
        quote::quote!(#a).to_string() == quote::quote!(#b).to_string()
            && self.types_only == other.types_only
            && self.scopes == other.scopes
            && self.skip == other.skip
    }
}

impl Eq for Settings {}

const VALID: &str = "expected one of: `runtime = <path>`, `types_only`, \
                     `scope(<ClientName> = \"<securityScheme>\", ...)`, \
                     `skip(\"<operationId or path>\", ...)`";

impl Settings {
    /// Parses the whole macro input: the spec path literal, then the settings.
    pub fn parse(tokens: proc_macro2::TokenStream) -> syn::Result<(LitStr, Settings)> {
        let input: MacroInput = syn::parse2(tokens)?;
        Ok((input.path, input.settings))
    }
}

struct MacroInput {
    path: LitStr,
    settings: Settings,
}

impl Parse for MacroInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            ));
        }
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            )
        })?;
        let mut settings = Settings::default();
        let mut seen: Vec<String> = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let name: Ident = input
                .call(syn::ext::IdentExt::parse_any)
                .map_err(|e| syn::Error::new(e.span(), format!("expected a setting; {VALID}")))?;
            let key = name.to_string();
            if key != "scope" && seen.contains(&key) {
                return Err(syn::Error::new(
                    name.span(),
                    format!("`{key}` is set twice"),
                ));
            }
            seen.push(key.clone());
            match key.as_str() {
                "runtime" => {
                    input.parse::<Token![=]>()?;
                    settings.runtime = input.parse()?;
                }
                "types_only" => settings.types_only = true,
                "scope" => {
                    let content;
                    syn::parenthesized!(content in input);
                    let pairs = Punctuated::<ScopePair, Token![,]>::parse_terminated(&content)?;
                    if pairs.is_empty() {
                        return Err(syn::Error::new(
                            name.span(),
                            "`scope()` is empty; write `scope(CustomerClient = \"customerToken\")`",
                        ));
                    }
                    for pair in pairs {
                        let client_name = pair.name.to_string();
                        if settings.scopes.iter().any(|s| s.client_name == client_name) {
                            return Err(syn::Error::new(
                                pair.name.span(),
                                format!("the client `{client_name}` is declared twice"),
                            ));
                        }
                        if client_name == "Client" {
                            return Err(syn::Error::new(
                                pair.name.span(),
                                "`Client` is the name of the main client; choose another name",
                            ));
                        }
                        settings.scopes.push(Scope {
                            client_name,
                            scheme: pair.scheme.value(),
                        });
                    }
                }
                "skip" => {
                    let content;
                    syn::parenthesized!(content in input);
                    let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                    if names.is_empty() {
                        return Err(syn::Error::new(
                            name.span(),
                            "`skip()` is empty; write `skip(\"operationId\", \"/path\")`",
                        ));
                    }
                    settings.skip.extend(names.iter().map(LitStr::value));
                }
                _ => {
                    return Err(syn::Error::new(
                        name.span(),
                        format!("unknown setting `{key}`; {VALID}"),
                    ));
                }
            }
        }
        Ok(Self { path, settings })
    }
}

struct ScopePair {
    name: Ident,
    scheme: LitStr,
}

impl Parse for ScopePair {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let scheme: LitStr = input.parse()?;
        Ok(Self { name, scheme })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn path_only() {
        let (path, settings) = Settings::parse(quote!("spec.yaml")).expect("valid");
        assert_eq!(path.value(), "spec.yaml");
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn all_settings() {
        let (_, s) = Settings::parse(quote!(
            "spec.yaml",
            runtime = crate::runtime,
            types_only,
            scope(CustomerClient = "customerToken", AdminClient = "apiKey"),
            skip("brokenOp", "/v1/broken"),
        ))
        .expect("valid");
        let runtime = &s.runtime;
        assert_eq!(quote!(#runtime).to_string(), "crate :: runtime");
        assert!(s.types_only);
        assert_eq!(s.skip, vec!["brokenOp".to_owned(), "/v1/broken".to_owned()]);
        assert_eq!(
            s.scopes,
            vec![
                Scope {
                    client_name: "CustomerClient".into(),
                    scheme: "customerToken".into()
                },
                Scope {
                    client_name: "AdminClient".into(),
                    scheme: "apiKey".into()
                },
            ]
        );
    }

    #[test]
    fn errors_name_the_problem() {
        let cases = [
            (
                quote!(),
                "unexpected end of input, expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            ),
            (
                quote!(spec),
                "expected the spec path as a string literal, e.g. `generate!(\"openapi.yaml\")`",
            ),
            (
                quote!("s", typesonly),
                "unknown setting `typesonly`; expected one of: `runtime = <path>`, `types_only`, `scope(<ClientName> = \"<securityScheme>\", ...)`, `skip(\"<operationId or path>\", ...)`",
            ),
            (
                quote!("s", types_only, types_only),
                "`types_only` is set twice",
            ),
            (
                quote!("s", scope()),
                "`scope()` is empty; write `scope(CustomerClient = \"customerToken\")`",
            ),
            (
                quote!("s", skip()),
                "`skip()` is empty; write `skip(\"operationId\", \"/path\")`",
            ),
            (
                quote!("s", scope(A = "x", A = "y")),
                "the client `A` is declared twice",
            ),
            (
                quote!("s", scope(Client = "x")),
                "`Client` is the name of the main client; choose another name",
            ),
        ];
        for (tokens, expected) in cases {
            let result = Settings::parse(tokens.clone());
            assert!(result.is_err(), "accepted {tokens}");
            if let Err(err) = result {
                assert_eq!(err.to_string(), expected, "input {tokens}");
            }
        }
    }
}
