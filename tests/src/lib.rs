//! Integration, drift and compile-fail tests for the jeri workspace (see `tests/`).
