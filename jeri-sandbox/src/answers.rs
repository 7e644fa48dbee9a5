//! The answers the generated server gives by itself, shaped like NestJS's: `ErrorBody`
//! with class-validator's wording for each problem of a request.

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use jeri_server::{Answers, Expected, Problem, ProblemKind};

use crate::api::Api;
use crate::error::ApiError;

impl Answers for Api {
    fn bad_request(&self, _operation: &'static str, problems: Vec<Problem>) -> Response {
        ApiError::bad_request(problems.iter().map(message).collect()).into_response()
    }

    fn unauthorized(&self, _operation: &'static str) -> Response {
        ApiError::unauthorized().into_response()
    }

    fn not_implemented(&self, operation: &'static str) -> Response {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("{operation} is not implemented by the sandbox"),
        )
        .into_response()
    }

    fn payload_too_large(&self, _operation: &'static str, reason: &str) -> Response {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, reason).into_response()
    }

    fn internal_error(&self, operation: &'static str, reason: String) -> Response {
        eprintln!("jeri-sandbox: {operation}: {reason}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").into_response()
    }

    fn no_route(&self, method: &Method, path: &str) -> Response {
        ApiError::new(StatusCode::NOT_FOUND, format!("Cannot {method} {path}")).into_response()
    }
}

/// One problem in class-validator's words: `0.email must be an email`.
pub(crate) fn message(problem: &Problem) -> String {
    let at = problem.dotted();
    let rule = match &problem.kind {
        ProblemKind::Missing => "should not be empty".to_owned(),
        ProblemKind::NotAllowed => return format!("property {at} should not exist"),
        ProblemKind::Type(expected) => match expected {
            Expected::String => "must be a string",
            Expected::Integer => "must be an integer number",
            Expected::Number => "must be a number",
            Expected::Boolean => "must be a boolean value",
            Expected::Object => "must be an object",
            Expected::Array => "must be an array",
        }
        .to_owned(),
        ProblemKind::MinLength(n) => format!("must be longer than or equal to {n} characters"),
        ProblemKind::MaxLength(n) => format!("must be shorter than or equal to {n} characters"),
        ProblemKind::Pattern(pattern) => format!("must match {pattern} regular expression"),
        ProblemKind::Format(format) => match *format {
            "email" => "must be an email".to_owned(),
            "date-time" => "must be a valid ISO 8601 date string".to_owned(),
            "uri" => "must be a URL address".to_owned(),
            other => format!("must be a valid {other}"),
        },
        ProblemKind::Minimum { limit, exclusive } if *exclusive => {
            format!("must be greater than {limit}")
        }
        ProblemKind::Minimum { limit, .. } => format!("must not be less than {limit}"),
        ProblemKind::Maximum { limit, exclusive } if *exclusive => {
            format!("must be less than {limit}")
        }
        ProblemKind::Maximum { limit, .. } => format!("must not be greater than {limit}"),
        ProblemKind::Enum(values) => {
            format!("must be one of the following values: {}", values.join(", "))
        }
        ProblemKind::MinItems(n) => format!("must contain at least {n} elements"),
        ProblemKind::MaxItems(n) => format!("must contain no more than {n} elements"),
        ProblemKind::OneOf { alternatives, .. } => {
            format!("must match exactly one of: {}", alternatives.join(", "))
        }
        ProblemKind::AnyOf(alternatives) => {
            format!("must match one of: {}", alternatives.join(", "))
        }
        ProblemKind::MediaType { expected, .. } => format!("must be sent as {expected}"),
        ProblemKind::NotJson(reason) => format!("is not valid JSON: {reason}"),
        other => other.to_string(),
    };
    format!("{at} {rule}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jeri_server::{Place, Segment};

    fn at(path: Vec<Segment>, kind: ProblemKind) -> String {
        message(&Problem {
            place: Place::Body,
            path,
            kind,
        })
    }

    #[test]
    fn class_validator_wording() {
        let email = || vec![Segment::Index(0), Segment::Key("email".into())];
        assert_eq!(
            at(email(), ProblemKind::Format("email")),
            "0.email must be an email"
        );
        assert_eq!(
            at(email(), ProblemKind::NotAllowed),
            "property 0.email should not exist"
        );
        assert_eq!(
            at(vec![], ProblemKind::MaxItems(100)),
            "body must contain no more than 100 elements"
        );
        assert_eq!(
            at(
                vec![Segment::Key("n".into())],
                ProblemKind::Minimum {
                    limit: "1",
                    exclusive: false
                }
            ),
            "n must not be less than 1"
        );
        assert_eq!(at(vec![], ProblemKind::Missing), "body should not be empty");
        assert_eq!(
            at(vec![], ProblemKind::NotJson("EOF".into())),
            "body is not valid JSON: EOF"
        );
        assert_eq!(
            at(vec![], ProblemKind::UniqueItems),
            "body must not repeat items"
        );
    }
}
