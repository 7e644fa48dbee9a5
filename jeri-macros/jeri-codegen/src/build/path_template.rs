//! Path templates: `/a/{b}/c{d}.json` → literal text and parameter names.

use crate::model::PathPart;

/// Why a path template could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl TemplateError {
    fn new(message: String, help: &str) -> Self {
        Self {
            message,
            help: help.to_owned(),
        }
    }
}

/// Splits a path template into [`PathPart`]s. Adjacent literal text is joined.
pub fn parse(template: &str) -> Result<Vec<PathPart>, TemplateError> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        let (before, from_brace) = rest.split_at(open);
        literal.push_str(before);
        if from_brace.starts_with('}') {
            return Err(TemplateError::new(
                format!("path template `{template}` has a `}}` without a matching `{{`"),
                "write parameters as `{name}`",
            ));
        }
        let inner = &from_brace[1..];
        let Some(close) = inner.find(['{', '}']) else {
            return Err(TemplateError::new(
                format!("path template `{template}` has a `{{` that is never closed"),
                "close the parameter with `}`",
            ));
        };
        if inner[close..].starts_with('{') {
            return Err(TemplateError::new(
                format!("path template `{template}` has a `{{` inside a parameter"),
                "parameters cannot be nested; write them as `{name}`",
            ));
        }
        let name = &inner[..close];
        if name.trim().is_empty() {
            return Err(TemplateError::new(
                format!("path template `{template}` has an empty parameter `{{}}`"),
                "name the parameter, e.g. `{id}`, and declare it under `parameters` with `in: path`",
            ));
        }
        if parts
            .iter()
            .any(|p| matches!(p, PathPart::Param(n) if n == name))
        {
            return Err(TemplateError::new(
                format!("path template `{template}` uses `{{{name}}}` twice"),
                "give each path parameter its own name",
            ));
        }
        if !literal.is_empty() {
            parts.push(PathPart::Literal(std::mem::take(&mut literal)));
        }
        parts.push(PathPart::Param(name.to_owned()));
        rest = &inner[close + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        parts.push(PathPart::Literal(literal));
    }
    Ok(parts)
}

/// The parameter names of a parsed template, in order.
pub fn params(parts: &[PathPart]) -> impl Iterator<Item = &str> {
    parts.iter().filter_map(|p| match p {
        PathPart::Param(name) => Some(name.as_str()),
        PathPart::Literal(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> PathPart {
        PathPart::Literal(s.to_owned())
    }
    fn param(s: &str) -> PathPart {
        PathPart::Param(s.to_owned())
    }

    #[test]
    fn parses_templates() {
        let cases = [
            ("/", vec![lit("/")]),
            ("", vec![]),
            ("/v1/status", vec![lit("/v1/status")]),
            (
                "/a/{b}/c{d}.json",
                vec![lit("/a/"), param("b"), lit("/c"), param("d"), lit(".json")],
            ),
            ("{a}{b}", vec![param("a"), param("b")]),
            ("/p/{programId}", vec![lit("/p/"), param("programId")]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn rejects_bad_templates() {
        let cases = [
            (
                "/a/{b",
                "path template `/a/{b` has a `{` that is never closed",
            ),
            (
                "/a/b}",
                "path template `/a/b}` has a `}` without a matching `{`",
            ),
            ("/a/{}", "path template `/a/{}` has an empty parameter `{}`"),
            (
                "/a/{ }",
                "path template `/a/{ }` has an empty parameter `{}`",
            ),
            (
                "/a/{b{c}}",
                "path template `/a/{b{c}}` has a `{` inside a parameter",
            ),
            ("/{a}/{a}", "path template `/{a}/{a}` uses `{a}` twice"),
        ];
        for (input, expected) in cases {
            let err = parse(input).expect_err(input);
            assert_eq!(err.message, expected, "input {input:?}");
        }
    }

    #[test]
    fn lists_params() {
        let parts = parse("/a/{b}/c/{d}").expect("valid");
        assert_eq!(params(&parts).collect::<Vec<_>>(), ["b", "d"]);
    }
}
