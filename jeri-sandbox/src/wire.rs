//! Request and response types of the spec, generated from `spec/openapi.yaml`.
//!
//! Only the `types` module is generated (no client), so the sandbox stands on the
//! generator and the spec, never on `jeri-client`.

jeri_macros::generate!("../../spec/openapi.yaml", server);
