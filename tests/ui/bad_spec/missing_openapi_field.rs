// A document without `openapi` has no known version.
mod api {
    jeri_macros::generate!("specs/missing_openapi_field.yaml");
}

fn main() {}
