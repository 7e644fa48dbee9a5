//! Request and response types of the spec.

pub(crate) use crate::wire_fallback as types;
