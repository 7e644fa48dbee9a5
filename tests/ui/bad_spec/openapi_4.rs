// A document in a version of the format nobody published (OpenAPI 4.0.0) is refused
// at its version field; 3.0, 3.1, 3.2 and Swagger 2.0 are read.
mod api {
    jeri_macros::generate!("specs/openapi_4.yaml");
}

fn main() {}
