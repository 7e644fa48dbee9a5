// A Swagger 2.0 document is refused, with a way to convert it.
mod api {
    jeri_macros::generate!("specs/swagger_2.yaml");
}

fn main() {}
