//! The drift suite for `jeri-client`, kept in its own package so that it builds only
//! `jeri-client` and its cases. After a spec edit, `cargo test -p jeri-drift-tests` names
//! the operation whose API changed even when other workspace crates no longer compile.
//!
//! `tests/ui_api_shape.rs` runs the cases in `ui/api_shape/`, which must compile;
//! `tests/ui_misuse.rs` runs the cases in `ui/misuse/`, which must fail to compile with the
//! expected output kept beside each case.
