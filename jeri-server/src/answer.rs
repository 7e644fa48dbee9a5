//! The answers a generated server gives on its own (400, 401, 404, 501), and how an
//! implementation shapes their bodies.

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::Problem;

/// An answer an operation's implementation leaves to the server's shaping
/// ([`Answers`]) instead of a documented response.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `400 Bad Request` listing what is wrong (implementations may add their own rules).
    BadRequest(Vec<Problem>),
    /// `401 Unauthorized`: the credentials are missing or not accepted.
    Unauthorized,
    /// `501 Not Implemented`: what every operation answers until it is implemented.
    NotImplemented,
    /// `500 Internal Server Error`: the implementation cannot answer as the spec says (for
    /// example a status the operation does not document); the reason is for the log.
    Internal(String),
}

/// How a generated server shapes the answers it gives by itself. Every method has a
/// default that answers with an RFC 9457 `application/problem+json` body; a server whose
/// spec documents another error body overrides them.
pub trait Answers: Send + Sync + 'static {
    /// `400`: every problem found in the request, in order.
    fn bad_request(&self, operation: &'static str, problems: Vec<Problem>) -> Response {
        let _ = operation;
        let listed: Vec<Value> = problems
            .iter()
            .map(|problem| {
                json!({
                    "in": problem.place.as_str(),
                    "pointer": problem.pointer(),
                    "detail": problem.to_string(),
                })
            })
            .collect();
        problem_json(
            StatusCode::BAD_REQUEST,
            format!("{} problem(s) in the request", problems.len()),
            Some(listed),
        )
    }

    /// `401`: no credential for any of the operation's security alternatives, or
    /// credentials the implementation does not accept.
    fn unauthorized(&self, operation: &'static str) -> Response {
        problem_json(
            StatusCode::UNAUTHORIZED,
            format!("`{operation}` needs credentials"),
            None,
        )
    }

    /// `501`: the operation is in the spec but not implemented.
    fn not_implemented(&self, operation: &'static str) -> Response {
        problem_json(
            StatusCode::NOT_IMPLEMENTED,
            format!("`{operation}` is not implemented"),
            None,
        )
    }

    /// `413`: the body is larger than the server accepts (axum's `DefaultBodyLimit`).
    fn payload_too_large(&self, operation: &'static str, reason: &str) -> Response {
        let _ = operation;
        problem_json(StatusCode::PAYLOAD_TOO_LARGE, reason.to_owned(), None)
    }

    /// `500`: the implementation failed; `reason` says how.
    fn internal_error(&self, operation: &'static str, reason: String) -> Response {
        problem_json(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("`{operation}` failed: {reason}"),
            None,
        )
    }

    /// A path the spec does not have, or a method its path does not have (default 404).
    fn no_route(&self, method: &Method, path: &str) -> Response {
        problem_json(
            StatusCode::NOT_FOUND,
            format!("no operation for {method} {path}"),
            None,
        )
    }

    /// An [`Answer`] of `operation`, through the methods above.
    fn answer(&self, operation: &'static str, answer: Answer) -> Response {
        match answer {
            Answer::BadRequest(problems) => self.bad_request(operation, problems),
            Answer::Unauthorized => self.unauthorized(operation),
            Answer::NotImplemented => self.not_implemented(operation),
            Answer::Internal(reason) => self.internal_error(operation, reason),
        }
    }
}

/// An `application/problem+json` body (RFC 9457) with `status`, `title` (the reason
/// phrase), `detail` and, for 400, `problems`.
pub fn problem_json(status: StatusCode, detail: String, problems: Option<Vec<Value>>) -> Response {
    let mut body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if let (Some(problems), Some(object)) = (problems, body.as_object_mut()) {
        object.insert("problems".to_owned(), Value::Array(problems));
    }
    let bytes = body.to_string();
    (
        status,
        [(axum::http::header::CONTENT_TYPE, "application/problem+json")],
        bytes,
    )
        .into_response()
}

/// The fallback of a generated router: [`Answers::no_route`].
pub async fn no_route<A: Answers>(
    axum::extract::State(answers): axum::extract::State<std::sync::Arc<A>>,
    method: Method,
    uri: axum::http::Uri,
) -> Response {
    answers.no_route(&method, uri.path())
}
