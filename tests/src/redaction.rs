//! Checking that formatted values never show a credential.

use std::error::Error as StdError;
use std::fmt::Debug;

/// Every way a value is commonly formatted: `{:?}`, `{:#?}` and, when
/// given, its `Display`.
pub fn renderings(value: &(impl Debug + ?Sized), display: Option<String>) -> Vec<String> {
    let mut shown = vec![format!("{value:?}"), format!("{value:#?}")];
    shown.extend(display);
    shown
}

/// An error's `Display`, `{:?}` and `{:#?}`, followed by the same for every
/// error in its `source` chain.
pub fn error_renderings(error: &(dyn StdError + 'static)) -> Vec<String> {
    let mut shown = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        shown.push(current.to_string());
        shown.push(format!("{current:?}"));
        shown.push(format!("{current:#?}"));
        next = current.source();
    }
    shown
}

/// Fails when any rendering contains any of `secrets`; `what` names the
/// value in the message.
pub fn assert_none_contains(what: &str, renderings: &[String], secrets: &[&str]) {
    for text in renderings {
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "{what} shows the secret {secret:?}: {text}"
            );
        }
    }
}
