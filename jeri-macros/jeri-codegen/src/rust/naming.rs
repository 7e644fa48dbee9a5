//! Rust identifiers from spec names: case conversion, keyword escaping, deduplication.
//!
//! Every function here returns a string that parses as a Rust identifier (possibly raw,
//! `r#type`), whatever the input.

use std::collections::HashSet;

/// Keywords that can be written as raw identifiers (`r#type`).
pub(crate) const RAW_ESCAPABLE: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing `_`.
pub(crate) const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a name into words: at anything that is not a letter or digit, and at camelCase
/// boundaries (`statusCode` → `status`, `Code`; `HTTPServer` → `HTTP`, `Server`).
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().filter(|c| !is_dropped(*c)).collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !is_word_char(c) {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) {
            let next = chars.get(i + 1).copied();
            let lower_to_upper = (prev.is_lowercase() || prev.is_ascii_digit()) && c.is_uppercase();
            let acronym_end =
                prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
            if !current.is_empty() && (lower_to_upper || acronym_end) {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Characters that are dropped without splitting words (apostrophes in `don't`).
fn is_dropped(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// A letter or digit that may appear in a Rust identifier.
fn is_word_char(c: char) -> bool {
    if c.is_ascii_alphanumeric() {
        return true;
    }
    if c.is_ascii() || !c.is_alphanumeric() {
        return false;
    }
    // Non-ASCII: keep only what the Rust lexer accepts inside an identifier.
    let mut probe = String::from("a");
    probe.push(c);
    syn::parse_str::<syn::Ident>(&probe).is_ok()
}

/// `snake_case` words, not yet escaped: `statusCode` → `status_code`.
pub fn snake_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// `PascalCase` words, not yet escaped: `status_code` → `StatusCode`.
pub fn pascal_case(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// A snake_case identifier for a field, parameter or function: `X-Request-Id` →
/// `x_request_id`, `type` → `r#type`, `2fa` → `_2fa`, `` → `empty`.
pub fn snake_ident(name: &str) -> String {
    let base = snake_case(name);
    let base = if base.is_empty() {
        "empty".to_owned()
    } else {
        base
    };
    escape(&base, "_")
}

/// A PascalCase identifier for a type or variant: `customer-user` → `CustomerUser`,
/// `2fa` → `N2fa`, `` → `Empty`, `Self` → `Self_`.
pub fn pascal_ident(name: &str) -> String {
    let base = pascal_case(name);
    let base = if base.is_empty() {
        "Empty".to_owned()
    } else {
        base
    };
    escape(&base, "N")
}

/// Makes an already-cased word list a valid identifier: digit prefix, keyword escaping.
pub fn escape(base: &str, digit_prefix: &str) -> String {
    let starts_badly = base.chars().next().is_some_and(|c| {
        c.is_ascii_digit()
            || (!c.is_ascii() && syn::parse_str::<syn::Ident>(&c.to_string()).is_err())
    });
    let base = if starts_badly {
        format!("{digit_prefix}{base}")
    } else {
        base.to_owned()
    };
    if NOT_RAW.contains(&base.as_str()) {
        format!("{base}_")
    } else if RAW_ESCAPABLE.contains(&base.as_str()) {
        format!("r#{base}")
    } else {
        base
    }
}

/// The identifier without a raw prefix: `r#type` → `type`.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique names within one scope (a struct's fields, an enum's variants, the
/// types module), appending `2`, `3`, … to repeats.
#[derive(Debug, Default, Clone)]
pub struct NameSet {
    used: HashSet<String>,
}

impl NameSet {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope where `names` are already taken.
    pub fn with_reserved(names: &[&str]) -> Self {
        Self {
            used: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }

    /// Whether `ident` is still free in this scope.
    pub fn is_free(&self, ident: &str) -> bool {
        !self.used.contains(unraw(ident))
    }

    /// Claims `ident` (an identifier from [`snake_ident`]/[`pascal_ident`]) or, when it is
    /// taken, the first free `ident2`, `ident3`, …; returns the claimed identifier.
    pub fn claim(&mut self, ident: &str) -> String {
        let plain = unraw(ident);
        if self.used.insert(plain.to_owned()) {
            return ident.to_owned();
        }
        // A trailing digit would run into the counter (`v1` + `2` = `v12`).
        let sep = if plain.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let stem = plain.trim_end_matches('_');
        let stem = if stem.is_empty() { plain } else { stem };
        let mut n = 2u64;
        loop {
            let candidate = format!("{stem}{sep}{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_idents() {
        let cases = [
            ("getCustomerToken", "get_customer_token"),
            ("statusCode", "status_code"),
            ("utm_source", "utm_source"),
            ("X-Request-Id", "x_request_id"),
            ("HTTPServer", "http_server"),
            ("2fa", "_2fa"),
            ("$ref", "r#ref"),
            ("type", "r#type"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "empty"),
            ("", "empty"),
            ("---", "empty"),
            ("gen", "r#gen"),
            ("async", "r#async"),
            ("café au lait", "café_au_lait"),
            ("v1/programs/{programId}", "v1_programs_program_id"),
            ("uint32", "uint32"),
            ("don't", "dont"),
            ("a²b", "a_b"),
            ("price€", "price"),
        ];
        for (input, expected) in cases {
            assert_eq!(snake_ident(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn pascal_idents() {
        let cases = [
            ("customer", "Customer"),
            ("customer_user-data", "CustomerUserData"),
            ("getCustomerToken", "GetCustomerToken"),
            ("HTTPServer", "HttpServer"),
            ("2fa", "N2fa"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("", "Empty"),
            ("in_progress", "InProgress"),
            ("ÿes", "Ÿes"),
            ("type", "Type"),
        ];
        for (input, expected) in cases {
            assert_eq!(pascal_ident(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn every_output_is_an_identifier() {
        let inputs = [
            "", "0", "-", "r#x", "a b", "self", "Self", "ß", "名前", "٣", "x\u{301}",
        ];
        for input in inputs {
            for ident in [snake_ident(input), pascal_ident(input)] {
                assert!(
                    syn::parse_str::<syn::Ident>(&ident).is_ok(),
                    "{input:?} → {ident:?}"
                );
            }
        }
    }

    #[test]
    fn name_set_appends_counters() {
        let mut names = NameSet::with_reserved(&["body"]);
        assert_eq!(names.claim("body"), "body2");
        assert_eq!(names.claim("name"), "name");
        assert_eq!(names.claim("name"), "name2");
        assert_eq!(names.claim("name"), "name3");
        assert_eq!(names.claim("r#type"), "r#type");
        assert_eq!(names.claim("r#type"), "type2");
        assert_eq!(names.claim("v1"), "v1");
        assert_eq!(names.claim("v1"), "v1_2");
        assert_eq!(names.claim("self_"), "self_");
        assert_eq!(names.claim("self_"), "self2");
    }
}
