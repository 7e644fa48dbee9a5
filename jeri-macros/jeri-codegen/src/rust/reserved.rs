//! Names generated code defines for itself, in one place. One policy for both generators:
//! a name from the spec that would take one of them gets a suffix saying what it is
//! (`transport_operation`, `body_param`), never an error.

use super::naming::unraw;

/// Methods of a generated client (`from_transport`, `transport`) and of a generated
/// server's `Server` trait and its `Answers` supertrait: an operation whose method name
/// would be one of them is named `{name}_operation` (by the build stage, so the client
/// and the server agree).
pub(crate) const OPERATION_METHODS: &[&str] = &[
    "from_transport",
    "transport",
    "authorize",
    "bad_request",
    "unauthorized",
    "not_implemented",
    "payload_too_large",
    "internal_error",
    "no_route",
    "answer",
];

/// Fields and methods of a request value: a parameter's field, setter and argument is
/// named `{name}_param`.
pub(crate) const REQUEST_NAMES: &[&str] = &[
    "transport",
    "options",
    "send",
    "send_with_response",
    "send_streaming",
    "into_call",
    "new",
    "into_future",
    "body",
    "content_type",
];

/// Methods of a typed multipart form: a property's field is named `{name}2` and so on.
pub(crate) const FORM_NAMES: &[&str] = &["new", "to_multipart"];

/// `name` (an identifier, raw or not), or `{name}{suffix}` when `reserved` holds it.
pub(crate) fn avoiding(name: &str, reserved: &[&str], suffix: &str) -> String {
    let bare = unraw(name);
    if reserved.contains(&bare) {
        format!("{bare}{suffix}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{OPERATION_METHODS, avoiding};

    #[test]
    fn a_reserved_name_gets_the_suffix() {
        assert_eq!(
            avoiding("transport", OPERATION_METHODS, "_operation"),
            "transport_operation"
        );
        assert_eq!(
            avoiding("answer", OPERATION_METHODS, "_operation"),
            "answer_operation"
        );
        assert_eq!(
            avoiding("r#type", OPERATION_METHODS, "_operation"),
            "r#type"
        );
        assert_eq!(
            avoiding("get_customer", OPERATION_METHODS, "_operation"),
            "get_customer"
        );
    }
}
