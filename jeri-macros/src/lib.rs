//! Compile-time OpenAPI 3.0 client generator.
