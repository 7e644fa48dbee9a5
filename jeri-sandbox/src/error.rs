//! Error responses in the spec's `ErrorBody` shape (NestJS defaults).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jeri_server::{Answer, Reply, WithStatus};

use crate::store::Refusal;
use crate::wire::types;

/// An error response: status plus `ErrorBody`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: types::ErrorBodyMessage,
}

impl ApiError {
    /// 400 with one message per violation.
    pub(crate) fn bad_request(messages: Vec<String>) -> Self {
        ApiError::with_messages(StatusCode::BAD_REQUEST, messages)
    }

    /// 401, with NestJS' bare `Unauthorized` body.
    pub(crate) fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "Unauthorized")
    }

    /// Any status with one message.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: types::ErrorBodyMessage::String(message.into()),
        }
    }

    /// Any status with a list of messages.
    pub(crate) fn with_messages(status: StatusCode, messages: Vec<String>) -> Self {
        ApiError {
            status,
            message: types::ErrorBodyMessage::Array(messages),
        }
    }

    fn body(self) -> (StatusCode, types::ErrorBody) {
        // NestJS leaves `error` out of its 401 body.
        let error = (self.status != StatusCode::UNAUTHORIZED)
            .then(|| self.status.canonical_reason().map(str::to_owned))
            .flatten();
        let body = types::ErrorBody {
            status_code: i32::from(self.status.as_u16()),
            message: self.message,
            error,
        };
        (self.status, body)
    }

    /// The operation's documented response for this error. The sandbox only answers with
    /// statuses its operations document; any other is a sandbox bug, answered with 500.
    pub(crate) fn reply<R: WithStatus<types::ErrorBody>>(self) -> Reply<R> {
        let (status, body) = self.body();
        documented(status, body)
    }
}

/// The operation's documented response for `status` with `body`; a status the operation
/// does not document is a sandbox bug, answered with 500.
pub(crate) fn documented<R: WithStatus<B>, B>(status: StatusCode, body: B) -> Reply<R> {
    R::with_status(status.as_u16(), body).map_err(|_| {
        Answer::Internal(format!(
            "status {status} is not documented for this operation"
        ))
    })
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::NotFound(message) => ApiError::new(StatusCode::NOT_FOUND, message),
            Refusal::Conflict(message) => ApiError::new(StatusCode::CONFLICT, message),
            Refusal::Unprocessable(message) => {
                ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.body();
        (status, axum::Json(body)).into_response()
    }
}
