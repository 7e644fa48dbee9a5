// A document in a version of the format nobody published (Swagger 1.2 came before
// Swagger 2.0 and was never read) is refused at its version field.
mod api {
    jeri_macros::generate!("specs/swagger_1_2.yaml");
}

fn main() {}
