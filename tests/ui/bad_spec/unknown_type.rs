// A `type` that OpenAPI does not define.
mod api {
    jeri_macros::generate!("specs/unknown_type.yaml");
}

fn main() {}
