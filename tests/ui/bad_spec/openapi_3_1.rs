// An OpenAPI 3.1 document is refused; only 3.0.x is supported.
mod api {
    jeri_macros::generate!("specs/openapi_3_1.yaml");
}

fn main() {}
