// A `not` schema, which has no Rust type.
mod api {
    jeri_macros::generate!("specs/unsupported_not_schema.yaml");
}

fn main() {}
