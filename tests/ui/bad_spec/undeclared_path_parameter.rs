// A `{id}` in the path with no matching path parameter.
mod api {
    jeri_macros::generate!("specs/undeclared_path_parameter.yaml");
}

fn main() {}
