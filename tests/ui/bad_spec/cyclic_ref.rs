// Schemas that refer to each other with no object in between.
mod api {
    jeri_macros::generate!("specs/cyclic_ref.yaml");
}

fn main() {}
