// A `$ref` to a schema that does not exist names the closest existing ones.
mod api {
    jeri_macros::generate!("specs/dangling_ref.yaml");
}

fn main() {}
