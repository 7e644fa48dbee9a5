//! The JeriCommerce API (`spec/openapi.yaml`), with example calls.

jeri_macros::generate!("../../../spec/openapi.yaml", example_calls);
